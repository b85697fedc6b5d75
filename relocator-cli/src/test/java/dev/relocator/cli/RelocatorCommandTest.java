package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
