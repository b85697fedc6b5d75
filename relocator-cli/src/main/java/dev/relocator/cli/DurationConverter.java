package dev.relocator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people write it on a command line ({@code 60s}, {@code 1m}, {@code 500ms},
 * {@code 2h}, or combined like {@code 1m30s}), or in ISO-8601 ({@code PT1M}); zero is refused, as
 * every duration {@code relocator serve} takes is a period to wait.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  /** One or more number-unit pairs, largest unit first, as Go's time.ParseDuration writes them. */
  private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String text = value.trim();
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return positive(value, Duration.parse(text));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher m = SIMPLE.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw invalid(value);
    }
    try {
      Duration d = Duration.ZERO
          .plusHours(number(m.group(1)))
          .plusMinutes(number(m.group(2)))
          .plusSeconds(number(m.group(3)))
          .plusMillis(number(m.group(4)));
      return positive(value, d);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("\"" + value + "\": too long a duration");
    }
  }

  /** The same, where {@code 0} means none ({@code --warm-up 0}). */
  static final class OrZero implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.trim().matches("0+(ms|s|m|h)?") ? Duration.ZERO : parse(value);
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static Duration positive(String value, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("\"" + value + "\": the duration must be longer than zero");
    }
    return d;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "\"" + value + "\": expected a duration like 60s, 1m, 1m30s, 500ms or 2h");
  }
}
