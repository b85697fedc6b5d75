package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.mirror.ImageFailure;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.MirrorTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line mistakes of {@code relocator mirror}, answered without any registry. */
class MirrorCommandTest {
  @TempDir Path dir;

  @Test
  void sourceIsRequired() {
    CliRun run = CliRun.of("mirror", "--to", "127.0.0.1:5001/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: Error: Missing required argument");
  }

  @Test
  void badImageLineIsReportedWithFileAndLine() throws Exception {
    Path list = Files.writeString(dir.resolve("images.txt"), "127.0.0.1:9/demo/app:1.0\n127.0.0.1:9/demo/App:1\n");
    CliRun run = CliRun.of("mirror", "--images", list.toString(), "--to", "127.0.0.1:5001/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: " + list + ":2: invalid reference \"127.0.0.1:9/demo/App:1\"");
  }

  @Test
  void everyBadImageInManifestsIsReportedAtOnce() throws Exception {
    Path pods = Files.writeString(dir.resolve("pods.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Pod", "metadata: {name: p}", "spec:", "  containers:",
        "  - {name: a, image: \"foo bar\"}", "  - {name: b, image: 127.0.0.1:9/demo/app:1.0}",
        "  - {name: c, image: 127.0.0.1:9/demo/App:1}", ""));
    Path more = Files.writeString(dir.resolve("more.yaml"), String.join("\n",
        "apiVersion: v1", "kind: Pod", "metadata: {name: q}", "spec:", "  containers:",
        "  - {name: a, image: \"x:y:z\"}", ""));
    CliRun run = CliRun.of("mirror", "--manifests", pods.toString(), more.toString(), "--to", "127.0.0.1:5001/m",
        "--dry-run");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith("relocator: " + pods + ":6: Pod/p spec.containers[0].image: invalid reference \"foo bar\"")
        .contains(" (and 2 more: " + pods + ":8: Pod/p spec.containers[2].image: invalid reference")
        .contains("; " + more + ":6: Pod/q spec.containers[0].image: invalid reference \"x:y:z\"");
  }

  @Test
  void missingImageListSaysWhyNotJustThePath() {
    Path list = dir.resolve("absent.txt");
    CliRun run = CliRun.of("mirror", "--images", list.toString(), "--to", "127.0.0.1:5001/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: cannot read " + list + ": no such file" + System.lineSeparator());
  }

  @Test
  void outputFilesAreCheckedBeforeAnyCopyWithTheReason() throws Exception {
    Path list = Files.writeString(dir.resolve("images.txt"), "127.0.0.1:9/demo/app:1.0\n");
    Path missingDir = dir.resolve("no-such-dir/lock.yaml");

    CliRun lock = CliRun.of("mirror", "--images", list.toString(), "--to", "127.0.0.1:9/m", "--lock", missingDir.toString());
    CliRun overwrite = CliRun.of("mirror", "--vector", list.toString(), "--to", "127.0.0.1:9/m",
        "--write-overwrite", dir.toString());

    assertThat(lock.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(lock.out()).as("nothing was copied").isEmpty();
    assertThat(lock.err()).isEqualTo("relocator: cannot write " + missingDir + ": no such directory "
        + missingDir.getParent() + System.lineSeparator());
    assertThat(overwrite.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(overwrite.err()).isEqualTo("relocator: cannot write " + dir + ": it is a directory" + System.lineSeparator());
  }

  @Test
  void aNameThatResolvesToNoEntryFailsUnlessAllowedToBeLeftOut() throws Exception {
    Path vector = Files.writeString(dir.resolve("images.yaml"), """
        images:
        - name: agent
          repository: 127.0.0.1:9/agent
          tag: "1.0"
        - name: legacy-proxy
          repository: 127.0.0.1:9/proxy
          tag: "0.9"
          targetVersion: "< 1.20"
        """);

    for (String command : List.of("mirror", "verify")) {
      String target = command.equals("mirror") ? "--to" : "--registry";
      CliRun strict = CliRun.of(command, "--vector", vector.toString(), "--target-version", "1.31.4", target, "127.0.0.1:9/m");
      CliRun allowed = CliRun.of(command, "--vector", vector.toString(), "--target-version", "1.31.4", target, "127.0.0.1:9/m",
          "--allow-unresolved", "--retries", "1");

      assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(strict.out()).as("nothing copied or checked").isEmpty();
      assertThat(strict.err()).contains(vector + ":5: images[1]: no entry of image \"legacy-proxy\" matches")
          .endsWith("relocator: 1 image name(s) resolve to no entry (--allow-unresolved leaves them out)"
              + System.lineSeparator());
      assertThat(allowed.err()).contains("no entry of image \"legacy-proxy\" matches").contains("; left out")
          .doesNotContain("resolve to no entry");
      assertThat(allowed.out() + allowed.err()).as("the resolved image is still worked on").contains("agent:1.0");
    }
  }

  @Test
  void mirrorAndVerifyNameTheTargetWithTheSameWords() throws Exception {
    Path list = Files.writeString(dir.resolve("same.txt"), "127.0.0.1:9/demo/app:1.0\n");
    Path layout = dir.resolve("layout");
    // Either word, either command: a copy into an empty layout, then its check.
    CliRun verifyWithTo = CliRun.of("verify", "--images", list.toString(), "--to", "oci:" + layout);
    CliRun mirrorWithRegistry = CliRun.of("mirror", "--images", list.toString(), "--registry", "127.0.0.1:9/m",
        "--retries", "1");
    assertThat(verifyWithTo.exitCode()).as(verifyWithTo.err()).isNotEqualTo(ExitCodes.USAGE);
    assertThat(mirrorWithRegistry.exitCode()).as(mirrorWithRegistry.err()).isNotEqualTo(ExitCodes.USAGE);
    assertThat(mirrorWithRegistry.out() + mirrorWithRegistry.err()).contains("127.0.0.1:9/m/demo/app:1.0");
  }

  @Test
  void aLayoutWithAnUnnamedManifestIsReportedNotSkipped() throws Exception {
    Path layout = dir.resolve("unnamed");
    try (java.util.stream.Stream<Path> files = Files.walk(Path.of("../examples/training-layout"))) {
      for (Path from : files.toList()) {
        Path to = layout.resolve(Path.of("../examples/training-layout").relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    // As a tool writes a layout it was given no name for: the manifest's entry has no annotation.
    String index = Files.readString(layout.resolve("index.json"));
    Files.writeString(layout.resolve("index.json"),
        index.replaceAll(",?\\s*\"annotations\"\\s*:\\s*\\{[^}]*}", ""));

    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout, "--to", "oci:" + dir.resolve("out"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).as("nothing copied").isEmpty();
    assertThat(run.err()).startsWith("relocator: OCI layout " + layout + ": 1 manifest in index.json has no name"
        + " (org.opencontainers.image.ref.name), so nothing says where to copy it: sha256:");
  }

  @Test
  void sourcesThatNameNoImageAreAProblemNotACopyOfNothing() throws Exception {
    Path list = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");
    for (String command : List.of("mirror", "verify")) {
      CliRun run = CliRun.of(command, "--images", list.toString(), "--to", "127.0.0.1:9/m");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).isEqualTo("relocator: --images " + list + ": names no image, so there is nothing to copy"
          + " or check" + System.lineSeparator());
    }
  }

  @Test
  void fromMustBeAnOciLayout() {
    CliRun run = CliRun.of("mirror", "--from", "/tmp/x", "--to", "127.0.0.1:5001/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: invalid --from \"/tmp/x\": expected oci:DIR");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "--jobs|0|invalid --jobs 0: must be at least 1",
    "--arch|linux/|--arch: invalid platform \"linux/\"",
    "--to|mirror|invalid destination \"mirror\"",
    "--creds|127.0.0.1:9=user|invalid --creds \"127.0.0.1:9=user\": expected REGISTRY=USER:PASSWORD",
    "--creds|user:secret|invalid --creds \"user:****\": expected REGISTRY=USER:PASSWORD",
    "--registry-endpoint|docker.io=ftp://127.0.0.1:9|invalid registry endpoint \"docker.io=ftp://127.0.0.1:9\"",
    "--registry-endpoint|docker.io|invalid registry endpoint \"docker.io\": expected NAME=ENDPOINT",
    "--insecure-registry|http://127.0.0.1:5000|invalid --insecure-registry \"http://127.0.0.1:5000\": it takes HOST[:PORT]",
    "--insecure-registry|127.0.0.1:5000/mirror|invalid --insecure-registry \"127.0.0.1:5000/mirror\": it takes HOST[:PORT]",
  })
  void badOptionValuesAreUsageErrors(String option, String value, String message) throws Exception {
    Path list = Files.writeString(dir.resolve("images.txt"), "127.0.0.1:9/demo/app:1.0\n");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("mirror", "--images", list.toString()));
    if (!option.equals("--to")) {
      args.addAll(java.util.List.of("--to", "127.0.0.1:9/m"));
    }
    args.addAll(java.util.List.of(option, value));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: " + message);
  }

  @Test
  void bundledTrainingLayoutIsAWholeTwoPlatformImage() {
    // ./relocator trains its start-up archive on a mirror from this layout: it must stay readable.
    Path copy = dir.resolve("copy");
    CliRun run = CliRun.of("mirror", "--from", "oci:../examples/training-layout", "--to", "oci:" + copy);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 copied, 0 already present of 1 image; 592 B written, 0 blobs already present");
    assertThat(run.err()).contains("@sha256:84a2fcb2f48926226ed84934eada346c5f23cc33c17a273ade1a162ff7e462d0 (592 B)");
    assertThat(copy.resolve("blobs/sha256").toFile().list()).hasSize(7); // index, 2 manifests, 2 configs, 2 layers
  }

  @Test
  void anArchiveCarriesTheTrainingLayoutWholeAndVerifyReadsIt() throws Exception {
    Path bundle = dir.resolve("usb/bundle.tar");
    CliRun export = CliRun.of("mirror", "--from", "oci:../examples/training-layout", "--to", "oci-archive:" + bundle);
    assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);
    assertThat(bundle).isRegularFile();

    Path copy = dir.resolve("copy");
    CliRun load = CliRun.of("mirror", "--from", "oci-archive:" + bundle, "--to", "oci:" + copy);
    assertThat(load.exitCode()).as(load.err()).isEqualTo(ExitCodes.OK);
    assertThat(load.out()).contains("1 copied, 0 already present of 1 image; 592 B written, 0 blobs already present");
    assertThat(copy.resolve("blobs/sha256").toFile().list()).hasSize(7);

    Path list = dir.resolve("images.txt");
    java.nio.file.Files.writeString(list, "relocator/training:1\n");
    CliRun verify = CliRun.of("verify", "--images", list.toString(), "--registry", "oci-archive:" + bundle);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
  }

  /** A task for progress tests, which only count and print it. */
  private static final MirrorTask TASK =
      new MirrorTask(ImageLocation.parse("127.0.0.1:9/a:1"), ImageLocation.parse("127.0.0.1:8/a:1"));

  @Test
  void liveProgressRedrawsOneStatusLine() {
    StringWriter text = new StringWriter();
    MirrorProgress progress = new MirrorProgress(new PrintWriter(text), true, 2);
    progress.imageFailed(new ImageFailure(TASK, "boom", new IllegalStateException("boom")));
    progress.finish();
    assertThat(text.toString()).startsWith("\r\033[K[1/2 images] 0 B, ").endsWith("\r\033[K");
  }

  @Test
  void aRunStoppedMidwaySaysWhereAndNothingIsPrintedAfterIt() {
    StringWriter text = new StringWriter();
    MirrorProgress progress = new MirrorProgress(new PrintWriter(text), false, 3);
    progress.imageFailed(new ImageFailure(TASK, "boom", new IllegalStateException("boom")));

    progress.interrupted();
    progress.imageStarted(TASK); // a copy thread still running while the JVM exits

    assertThat(text.toString()).isEqualTo("relocator: stopped after 1 of 3 images; what was copied is kept,"
        + " and running the same command again copies the rest" + System.lineSeparator());
  }

  @Test
  void humanByteCountsUseBinaryUnits() {
    assertThat(dev.relocator.mirror.ByteSize.human(512)).isEqualTo("512 B");
    assertThat(dev.relocator.mirror.ByteSize.human(52L * 1024 * 1024)).isEqualTo("52.0 MiB");
  }
}
