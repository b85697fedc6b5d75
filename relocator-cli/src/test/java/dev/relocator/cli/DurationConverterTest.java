package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @ParameterizedTest
  @CsvSource({
      "60s,      PT1M",
      "1m,       PT1M",
      "1m30s,    PT1M30S",
      "500ms,    PT0.5S",
      "2h,       PT2H",
      "1h2m3s4ms, PT1H2M3.004S",
      "' 90s ',  PT1M30S",
      "PT5M,     PT5M",
      "pt10s,    PT10S"})
  void readsUnitsAsOnACommandLineAndIso8601(String text, String expected) {
    assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "60", "1 m", "5x", "1s1m", "-1s", "1.5s", "m", "PTxS"})
  void refusesWhatIsNotANumberWithAUnitQuotingTheInput(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("\"" + text + "\": expected a duration like 60s, 1m, 1m30s, 500ms or 2h");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-1S"})
  void refusesZeroAndNegativeAsNothingWaitsThatLong(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("\"" + text + "\": the duration must be longer than zero");
  }

  @ParameterizedTest
  @CsvSource({"0, PT0S", "0s, PT0S", "00ms, PT0S", "5s, PT5S", "1m30s, PT1M30S"})
  void orZeroReadsZeroAsNoneAndEverythingElseAsBefore(String text, String expected) {
    assertThat(new DurationConverter.OrZero().convert(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1s", "0x", "PT-1S"})
  void orZeroStillRefusesNegativeAndMalformedDurations(String text) {
    assertThatThrownBy(() -> new DurationConverter.OrZero().convert(text)).isInstanceOf(TypeConversionException.class);
  }
}
