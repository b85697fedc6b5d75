package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResolveOptionsTest {
  private static final String VECTOR = Path.of("..", "examples", "images.yaml").toString();

  @ParameterizedTest
  @ValueSource(strings = {"--kubernetes-version", "--runtime-version", "--target-version", "--arch"})
  void anEmptyValueIsAUsageErrorNotAnyVersion(String option) {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, option, "", "pause-container");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("relocator: " + option + " must not be empty" + System.lineSeparator());
  }
}
