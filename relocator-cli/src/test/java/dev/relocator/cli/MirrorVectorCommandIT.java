package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.MirrorEngine;
import dev.relocator.mirror.MirrorListener;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import dev.relocator.vector.FindOptions;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.VectorMerger;
import dev.relocator.vector.VectorReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relocator mirror --vector} with target versions, rules and a pinned overwrite; {@code verify --vector}. */
class MirrorVectorCommandIT {
  @TempDir Path dir;

  @Test
  void vectorIsMirroredPerTargetVersionAndThePinnedOverwriteResolvesToTheCopies() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());
      // The multi-platform image also as v1.30.0, the tag a version-derived entry asks for.
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(a.hostPort()).build();
      try (MirrorEngine engine = new MirrorEngine(
          new ImageStores(h -> RegistryClient.builder(h).transport(transport).build()), MirrorOptions.DEFAULT)) {
        assertThat(engine.run(List.of(new MirrorTask(
            new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/demo/multi:1.0")),
            new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/demo/multi:v1.30.0")))),
            MirrorListener.NONE).failures()).isEmpty();
      }
      Path vector = Files.writeString(dir.resolve("images.yaml"), """
          images:
          - name: single
            repository: %1$s/demo/single
            tag: "1.0"
            targetVersion: "< 1.31"
          - name: other
            repository: %1$s/demo/other
            tag: "2.0"
            targetVersion: ">= 1.31"
          - name: multi
            repository: %1$s/demo/multi
          """.formatted(a.hostPort()));
      Path rules = Files.writeString(dir.resolve("rules.yaml"), """
          rules:
          - from: %s/demo/single
            to: %s/pinned/single
          """.formatted(a.hostPort(), b.hostPort()));
      Path overwrite = dir.resolve("overwrite.yaml");

      // "other" is only for 1.31 and later: without --allow-unresolved that fails the run (exit 1).
      CliRun run = CliRun.of("mirror", "--vector", vector.toString(), "--target-version", "1.30.0",
          "--rules", rules.toString(), "--to", b.hostPort() + "/mirror", "--write-overwrite", overwrite.toString(),
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--allow-unresolved");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("no entry of image \"other\" matches target version 1.30.0").contains("; left out");
      assertThat(run.out()).startsWith("2 copied, 0 already present of 2 images; ");
      assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/pinned/single:1.0", "--tls-verify=false"))
          .isEqualTo(images.digest(TestImages.SINGLE));
      assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/mirror/demo/multi:v1.30.0", "--tls-verify=false"))
          .isEqualTo(images.digest(TestImages.MULTI));
      assertThat(run.err()).contains("image \"multi\" relocated but not pinned");

      ImageVector merged = VectorMerger.merge(VectorReader.readFile(vector).orThrow(),
          VectorReader.readFile(overwrite).orThrow()).vector();
      assertThat(merged.find("single", FindOptions.of(null, "1.30.0", null)).toString())
          .isEqualTo(b.hostPort() + "/pinned/single:1.0@" + images.digest(TestImages.SINGLE));
      assertThat(merged.find("multi", FindOptions.of(null, "1.30.0", null)).toString())
          .isEqualTo(b.hostPort() + "/mirror/demo/multi:v1.30.0");

      // Without --allow-unresolved a name that does not resolve for 1.30.0 is a finding, not "all present".
      CliRun strict = CliRun.of("verify", "--vector", vector.toString(), "--target-version", "1.30.0",
          "--rules", rules.toString(), "--registry", b.hostPort() + "/mirror", "--insecure-registry", b.hostPort());
      assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(strict.out()).doesNotContain("verified");
      CliRun verify = CliRun.of("verify", "--vector", vector.toString(), "--target-version", "1.30.0",
          "--rules", rules.toString(), "--registry", b.hostPort() + "/mirror", "--insecure-registry", b.hostPort(),
          "--allow-unresolved");
      assertThat(verify.exitCode()).as(verify.out()).isZero();
      assertThat(verify.out()).contains("verified 2/2 images present");

      CliRun laterVersion = CliRun.of("verify", "--vector", vector.toString(), "--target-version", "1.31.0",
          "--rules", rules.toString(), "--registry", b.hostPort() + "/mirror", "--insecure-registry", b.hostPort(),
          "--allow-unresolved");
      assertThat(laterVersion.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(laterVersion.out()).contains("missing " + b.hostPort() + "/mirror/demo/other:2.0");
    }
  }
}
