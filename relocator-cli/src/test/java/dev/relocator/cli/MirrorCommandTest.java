package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void fromMustBeAnOciLayout() {
    CliRun run = CliRun.of("mirror", "--from", "/tmp/x", "--to", "127.0.0.1:5001/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: invalid --from \"/tmp/x\": expected oci:DIR");
  }

  @Test
  void humanByteCountsUseBinaryUnits() {
    assertThat(MirrorProgress.Bytes.human(512)).isEqualTo("512 B");
    assertThat(MirrorProgress.Bytes.human(52L * 1024 * 1024)).isEqualTo("52.0 MiB");
  }
}
