package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.version.InvalidVersionException;
import org.junit.jupiter.api.Test;

class FindOptionsTest {

  @Test
  void withRuntimeVersionAndArchitectureKeepTheTargetVersion() {
    FindOptions options = FindOptions.of(null, "v1.30.2", null).withRuntimeVersion("1.29.0").withArchitecture("arm64");
    assertThat(options).hasToString("runtime version 1.29.0, target version v1.30.2, architecture arm64");
  }

  @Test
  void blankValuesMeanNone() {
    FindOptions options = FindOptions.of(null, "1.30.2", "arm64").withRuntimeVersion(" ").withArchitecture("");
    assertThat(options.runtimeVersion()).isNull();
    assertThat(options.architecture()).isNull();
    assertThat(options.targetVersion()).isEqualTo("1.30.2");
  }

  @Test
  void anInvalidRuntimeVersionIsRefused() {
    assertThatThrownBy(() -> FindOptions.none().withRuntimeVersion("one")).isInstanceOf(InvalidVersionException.class);
  }
}
