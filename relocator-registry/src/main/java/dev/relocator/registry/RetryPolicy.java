package dev.relocator.registry;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to retry a request that met 429, 5xx or a broken connection: exponential
 * backoff from {@code initialDelay}, capped at {@code maxDelay}, with jitter, and a server's
 * {@code Retry-After} honoured up to {@code maxDelay}.
 *
 * @param maxAttempts attempts in total, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
  /** Five attempts, 200 ms doubling to at most 10 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  /**
   * The pause before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) failed;
   * {@code retryAfter} is the server's request, when it made one.
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      return asked.compareTo(maxDelay) > 0 ? maxDelay : asked.isNegative() ? Duration.ZERO : asked;
    }
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    // "Equal jitter": half fixed, half random, so concurrent retries spread without collapsing to 0.
    long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
    return Duration.ofMillis(jittered);
  }

  /**
   * Whether a request that failed with {@code failure}, before any answer, is worth sending again.
   * Not when the host name did not resolve: the JVM keeps a failed lookup for 10 s by default
   * ({@code networkaddress.cache.negative.ttl}), longer than {@link #DEFAULT}'s pauses add up to
   * (at most 3 s), so every retry would meet the same answer.
   */
  public static boolean retries(IOException failure) {
    return !(failure instanceof UnknownHostException);
  }

  /** Parses a {@code Retry-After} value: delta seconds or an HTTP date; empty when malformed. */
  public static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
