package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.mirror.ByteSize;
import dev.relocator.mirror.LockFile;
import dev.relocator.oci.Platform;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relocator mirror} and {@code relocator verify} against real registries. */
class MirrorCommandIT {
  @TempDir Path dir;

  private static CliRun relocator(String... args) {
    return CliRun.of(args);
  }

  private static String[] args(String... parts) {
    return parts;
  }

  @Test
  void mirrorsAnImageListPrintsTheSummaryWritesTheLockAndReRunsIdempotently() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());

      Path list = dir.resolve("images.txt");
      List<String> lines = new ArrayList<>(List.of("# the demo platform"));
      images.names().forEach(n -> lines.add(a.hostPort() + "/" + n));
      Files.write(list, lines);
      String[] mirror = args("mirror", "--images", list.toString(), "--to", b.hostPort() + "/mirror",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--lock", dir.resolve("lock.yaml").toString());

      CliRun plan = relocator(concat(mirror, "--dry-run"));
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out()).contains(a.hostPort() + "/" + TestImages.SINGLE + " -> " + b.hostPort() + "/mirror/"
          + TestImages.SINGLE + "  " + images.digest(TestImages.SINGLE) + "  " + ByteSize.human(images.single.totalSize()));
      assertThat(plan.out()).contains("plan: 3 images, ");

      CliRun copy = relocator(mirror);
      assertThat(copy.exitCode()).as(copy.err()).isZero();
      assertThat(copy.out()).startsWith("3 copied, 0 already present of 3 images; ");
      assertThat(copy.err()).contains("copied " + b.hostPort() + "/mirror/" + TestImages.MULTI + "@" + images.digest(TestImages.MULTI));
      assertThat(Files.readString(dir.resolve("lock.yaml")))
          .contains("target: " + b.hostPort() + "/mirror/" + TestImages.OTHER + "@" + images.digest(TestImages.OTHER));
      // Single images too name their platform (from their config), not only indexes.
      assertThat(LockFile.read(dir.resolve("lock.yaml")).images()).extracting(LockFile.Entry::platforms).containsExactly(
          List.of(Platform.parse("linux/amd64")), List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")),
          List.of(Platform.parse("linux/amd64")));
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/mirror/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }

      CliRun again = relocator(mirror);
      assertThat(again.exitCode()).isZero();
      assertThat(again.out()).isEqualTo("0 copied, 3 already present of 3 images; 0 B written, 0 blobs already present" + System.lineSeparator());

      CliRun verified = relocator("verify", "--images", list.toString(), "--registry", b.hostPort() + "/mirror",
          "--insecure-registry", b.hostPort());
      assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
      assertThat(verified.out()).contains("verified 3/3 images present");

      CliRun elsewhere = relocator("verify", "--images", list.toString(), "--registry", b.hostPort() + "/other",
          "--insecure-registry", b.hostPort());
      assertThat(elsewhere.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(elsewhere.out()).contains("missing " + b.hostPort() + "/other/" + TestImages.SINGLE)
          .contains("verified 0/3 images present");
    }
  }

  @Test
  void aFailedImageIsListedWithSourceTargetAndReasonAndTheOthersAreStillCopied() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      CliRun.seed(images, a.hostPort());
      Path list = dir.resolve("images.txt");
      Files.write(list, List.of(a.hostPort() + "/demo/missing:9", a.hostPort() + "/" + TestImages.SINGLE));
      CliRun run = relocator("mirror", "--images", list.toString(), "--to", a.hostPort() + "/copy",
          "--insecure-registry", a.hostPort());
      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err()).contains("failed: " + a.hostPort() + "/demo/missing:9 -> " + a.hostPort()
          + "/copy/demo/missing:9: pull manifest " + a.hostPort() + "/demo/missing:9: HTTP 404");
      assertThat(run.out()).startsWith("1 copied, 0 already present, 1 failed of 2 images; ");
    }
  }

  @Test
  void aPlainHttpRegistryNotDeclaredInsecureIsNamedWithTheFlagThatDeclaresIt() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      CliRun.seed(images, a.hostPort());
      Path list = dir.resolve("images.txt");
      Files.write(list, List.of(a.hostPort() + "/" + TestImages.SINGLE));
      String hint = "it answers in plain HTTP (declare it an insecure registry to use HTTP): --insecure-registry "
          + a.hostPort();

      CliRun plan = relocator("mirror", "--images", list.toString(), "--to", "oci:" + dir.resolve("out"), "--dry-run");
      assertThat(plan.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(plan.out()).contains("cannot read source: ").contains(hint);

      CliRun copy = relocator("mirror", "--from", "oci:" + images.layout.dir(), "--to", a.hostPort() + "/copy");
      assertThat(copy.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(copy.err()).contains("failed: ").contains(hint);

      CliRun verify = relocator("verify", "--images", list.toString(), "--registry", a.hostPort() + "/copy");
      assertThat(verify.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(verify.out()).contains("error   " + a.hostPort() + "/copy/" + TestImages.SINGLE + ": ").contains(hint);
    }
  }

  @Test
  void airGappedTransferThroughAnOciLayoutKeepsDigests() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer c = RegistryServer.builder(dir.resolve("c")).start()) {
      CliRun.seed(images, a.hostPort());
      Path list = dir.resolve("images.txt");
      Files.write(list, images.names().stream().map(n -> a.hostPort() + "/" + n).toList());
      Path carried = dir.resolve("carried");
      CliRun export = relocator("mirror", "--images", list.toString(), "--to", "oci:" + carried,
          "--insecure-registry", a.hostPort());
      assertThat(export.exitCode()).as(export.err()).isZero();
      CliRun load = relocator("mirror", "--from", "oci:" + carried, "--to", c.hostPort() + "/airgap",
          "--insecure-registry", c.hostPort());
      assertThat(load.exitCode()).as(load.err()).isZero();
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("oci:" + carried + ":" + a.hostPort() + "/" + name)).isEqualTo(images.digest(name));
        assertThat(Skopeo.rawDigest("docker://" + c.hostPort() + "/airgap/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }
    }
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
