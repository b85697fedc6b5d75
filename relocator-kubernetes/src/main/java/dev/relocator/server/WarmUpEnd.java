package dev.relocator.server;

import java.time.Duration;

/**
 * When the start-up warm-up may stop: once its budget has passed, it has sent at least
 * {@link #MIN_REVIEWS} reviews and the JIT has gone quiet (it compiled for less than
 * {@link #QUIET_PER_SECOND} of the last second), or at {@link #MAX_FACTOR} times the budget
 * whatever happened. A fixed time alone compiles less the slower the node: on two busy cores five
 * seconds got through a few hundred reviews, and the review path was still in the compile queue
 * when the API server's reviews came. A quiet JIT alone is not enough either: a method called once
 * per review is not even queued for C2 before about that many calls ({@code Tier4CompileThreshold}
 * is 15,000 invocations and loop iterations). Pure: the caller samples the clock, counts the
 * reviews and reads the JIT's accumulated compilation time.
 */
record WarmUpEnd(Duration budget) {

  /** Reviews before the JIT's quiet counts: about what C2 needs to queue a per-review method. */
  static final long MIN_REVIEWS = 15_000;
  /** Compilation time per second of warm-up under which the JIT counts as quiet. */
  static final Duration QUIET_PER_SECOND = Duration.ofMillis(50);
  /** The warm-up never lasts longer than this many budgets (30 s for the default 5 s). */
  static final int MAX_FACTOR = 6;

  /** The latest end, whatever the JIT does. */
  Duration maximum() {
    return budget.multipliedBy(MAX_FACTOR);
  }

  /**
   * Whether to stop after {@code elapsed} and {@code reviews}, given how long the JIT compiled in
   * the last second, or null when the JVM does not measure it (the budget alone decides then).
   */
  boolean over(Duration elapsed, long reviews, Duration compiledInLastSecond) {
    if (elapsed.compareTo(budget) < 0) {
      return false;
    }
    return compiledInLastSecond == null
        || reviews >= MIN_REVIEWS && compiledInLastSecond.compareTo(QUIET_PER_SECOND) < 0
        || elapsed.compareTo(maximum()) >= 0;
  }

  /**
   * Whether to stop after {@code elapsed} where the JVM measures compilation but not yet over a
   * whole second: the JIT counts as busy then, so only the {@link #maximum()} ends the warm-up.
   */
  boolean overBeforeTheJitIsSampled(Duration elapsed) {
    return elapsed.compareTo(maximum()) >= 0;
  }
}
