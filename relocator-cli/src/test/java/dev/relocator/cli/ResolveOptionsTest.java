package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  @ParameterizedTest
  @CsvSource({
    "x86_64, 'relocator: --arch: unknown architecture \"x86_64\" (did you mean \"amd64\"?): expected an OCI platform architecture such as amd64, arm64, ppc64le or s390x'",
    "AMD64, 'relocator: --arch: unknown architecture \"AMD64\" (did you mean \"amd64\"?): expected an OCI platform architecture such as amd64, arm64, ppc64le or s390x'",
  })
  void anUnknownArchitectureIsAUsageErrorWithTheNameMeant(String arch, String message) {
    // One rule for --arch in every command that takes it, checked before any work.
    for (CliRun run : java.util.List.of(
        CliRun.of("vector", "resolve", "--vector", VECTOR, "--arch", arch),
        CliRun.of("mirror", "--vector", VECTOR, "--to", "127.0.0.1:9/m", "--arch", "linux/" + arch),
        CliRun.of("verify", "--vector", VECTOR, "--registry", "127.0.0.1:9/m", "--arch", "amd64," + arch))) {
      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith(message + System.lineSeparator());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"amd64", "arm64", "s390x"})
  void everyOciArchitectureIsAccepted(String arch) {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4", "--arch", arch,
        "kube-apiserver");
    // s390x is a known name; that no entry serves it is a finding (exit 1), not a usage error.
    assertThat(run.exitCode()).isNotEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).doesNotContain("unknown architecture");
  }
}
