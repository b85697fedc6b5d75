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
        .startsWith("relocator: Unknown option: '--no-such-option'")
        .contains("Try 'relocator --help'");
    assertThat(run.out()).isEmpty();
  }
}
