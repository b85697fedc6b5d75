package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelocatorCommandTest {

  @Test
  void versionPrintsTheBuildVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("relocator ").doesNotContain("${project.version}");
  }

  @Test
  void helpListsTheCommandAndExitsZero() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Usage: relocator");
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLineWithAHint() {
    CliRun run = CliRun.of("--no-such-option");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("relocator: unknown option --no-such-option\n")
        .contains("Try 'relocator --help'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMisspeltRequiredOptionIsNamedWithItsSuggestionNotReportedAsMissing() {
    CliRun run = CliRun.of("vector", "resolve", "--vectr", "images.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: unknown option --vectr, did you mean --vector?\n");
  }

  @ParameterizedTest
  @CsvSource({
      "mirror,--to,127.0.0.1:5000/mirror,--vector",
      "verify,--registry,127.0.0.1:5000/mirror,--vector"})
  void aMisspeltSourceOptionIsNamedWithItsSuggestionInEveryCommand(String command, String a, String b, String expected) {
    // mirror and verify have no required option, so picocli reports the option and its value.
    CliRun run = CliRun.of(command, "--vectr", "images.yaml", a, b);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: unknown option --vectr, did you mean " + expected + "?\n");
  }

  @ParameterizedTest
  @CsvSource({"mirror,--to", "verify,--registry"})
  void aMalformedRegistryOptionIsAUsageErrorBeforeTheSourcesAreRead(String command, String target) throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createTempFile("no-images", ".txt");
    try {
      CliRun run = CliRun.of(command, "--images", empty.toString(), target, "127.0.0.1:5000/mirror",
          "--insecure-registry", "http://127.0.0.1:5000");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).startsWith("relocator: invalid --insecure-registry \"http://127.0.0.1:5000\": it takes"
          + " HOST[:PORT]");
    } finally {
      java.nio.file.Files.delete(empty);
    }
  }

  @ParameterizedTest
  @CsvSource({"mirror,--to", "verify,--registry"})
  void theDestinationIsListedAsInEveryCommandAndNamedInMessagesAsTheCommandsDocsWriteIt(String command, String named) {
    CliRun help = CliRun.of(command, "--help");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(help.out()).contains("--to, --registry=REGISTRY[/PREFIX]|oci:DIR|oci-archive:FILE");

    CliRun missing = CliRun.of(command, "--images", "images.txt");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("needs " + named + ", --rules, or both");
  }
}
