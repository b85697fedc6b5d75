package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpEndTest {

  private static final long ENOUGH = WarmUpEnd.MIN_REVIEWS;

  private final WarmUpEnd end = new WarmUpEnd(Duration.ofSeconds(5));

  @Test
  void neverBeforeTheBudgetEvenWarmWithAQuietJit() {
    assertThat(end.over(Duration.ofMillis(4_999), ENOUGH, Duration.ZERO)).isFalse();
    assertThat(end.over(Duration.ofMillis(4_999), ENOUGH, null)).isFalse();
  }

  @Test
  void afterTheBudgetOnceEnoughReviewsWentThroughAndTheJitCompiledLessThanItsQuietShare() {
    assertThat(end.over(Duration.ofSeconds(5), ENOUGH, Duration.ofMillis(49))).isTrue();
    assertThat(end.over(Duration.ofSeconds(9), ENOUGH, Duration.ofMillis(50))).isFalse();
    assertThat(end.over(Duration.ofSeconds(9), ENOUGH, Duration.ofMillis(700))).isFalse();
  }

  @Test
  void aQuietJitBeforeEnoughReviewsIsAJitWithNothingQueuedYet() {
    assertThat(end.over(Duration.ofSeconds(12), ENOUGH - 1, Duration.ZERO)).isFalse();
  }

  @Test
  void atSixBudgetsWhateverHappened() {
    assertThat(end.maximum()).isEqualTo(Duration.ofSeconds(30));
    assertThat(end.over(Duration.ofMillis(29_999), 10, Duration.ofMillis(900))).isFalse();
    assertThat(end.over(Duration.ofSeconds(30), 10, Duration.ofMillis(900))).isTrue();
  }

  @Test
  void onlyAtSixBudgetsWhileTheJitHasNotBeenSampledForASecond() {
    assertThat(end.overBeforeTheJitIsSampled(Duration.ofSeconds(5))).isFalse();
    assertThat(end.overBeforeTheJitIsSampled(Duration.ofMillis(29_999))).isFalse();
    assertThat(end.overBeforeTheJitIsSampled(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void theBudgetAloneWhereTheJvmDoesNotMeasureCompilation() {
    assertThat(end.over(Duration.ofSeconds(5), 0, null)).isTrue();
  }
}
