package dev.relocator.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "amd64, linux/amd64, true",
    "amd64, windows/amd64, true",
    "linux/arm64, linux/arm64/v8, true",
    "linux/arm/v7, linux/arm/v6, false",
    "linux/arm/v7, linux/arm/v7, true",
    "arm64, linux/amd64, false",
    "Linux/AMD64, linux/amd64, true",
  })
  void filterSelectsIndexEntries(String filter, String entry, boolean selected) {
    assertThat(Platform.parse(filter).selects(Platform.parse(entry))).isEqualTo(selected);
  }

  @ParameterizedTest
  @CsvSource({"amd64", "linux/amd64", "linux/arm/v7"})
  void toStringRoundTrips(String text) {
    assertThat(Platform.parse(text)).hasToString(text);
  }

  @ParameterizedTest
  @CsvSource({"'linux/'", "'/amd64'", "'a/b/c/d'", "''"})
  void malformedPlatformsAreRefusedWithTheInput(String text) {
    assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }
}
