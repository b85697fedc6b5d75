package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

  @ParameterizedTest
  @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1600", "6, 2000", "30, 2000"})
  void backoffDoublesUpToTheCapWithAtMostHalfJitter(int attempt, long ceilingMillis) {
    for (int i = 0; i < 50; i++) {
      long millis = policy.delay(attempt, Optional.empty()).toMillis();
      assertThat(millis).isBetween(ceilingMillis / 2, ceilingMillis);
    }
  }

  @Test
  void brokenConnectionsAreRetriedButAHostNameThatDidNotResolveIsNot() {
    assertThat(RetryPolicy.retries(new ConnectException("Connection refused"))).isTrue();
    assertThat(RetryPolicy.retries(new SocketException("Connection reset"))).isTrue();
    assertThat(RetryPolicy.retries(new IOException("unexpected end of stream"))).isTrue();
    assertThat(RetryPolicy.retries(new UnknownHostException("registry.invalid"))).isFalse();
  }

  @Test
  void theDefaultPausesEndWithinTheTenSecondsTheJvmKeepsAFailedLookup() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    long worstMillis = 0;
    for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
      long longest = 0;
      for (int i = 0; i < 200; i++) {
        longest = Math.max(longest, policy.delay(attempt, Optional.empty()).toMillis());
      }
      worstMillis += longest;
    }
    long negativeCacheSeconds = Long.parseLong(java.security.Security.getProperty("networkaddress.cache.negative.ttl"));
    assertThat(negativeCacheSeconds).isEqualTo(10);
    assertThat(worstMillis).isLessThanOrEqualTo(3000).isLessThan(Duration.ofSeconds(negativeCacheSeconds).toMillis());
  }

  @Test
  void retryAfterIsHonouredButBoundedByTheCap() {
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @CsvSource({"'3', 3", "' 0 ', 0", "'-5', 0"})
  void retryAfterSecondsAreParsed(String value, long seconds) {
    assertThat(RetryPolicy.parseRetryAfter(value, ZonedDateTime.now())).contains(Duration.ofSeconds(seconds));
  }

  @Test
  void retryAfterHttpDateIsTheTimeUntilThen() {
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);
    assertThat(RetryPolicy.parseRetryAfter("Sat, 21 Nov 2026 12:00:07 GMT", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
  }

  @Test
  void atLeastOneAttemptIsRequired() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessage("maxAttempts must be at least 1, got 0");
  }
}
