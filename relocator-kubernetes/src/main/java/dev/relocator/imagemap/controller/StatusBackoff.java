package dev.relocator.imagemap.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the controller waits before retrying status writes that failed: {@code initial},
 * doubled after every pass that fails again, never more than {@code max}; a pass that writes
 * every status resets it. A missing RBAC rule answers 403 to every write: backing off keeps that
 * from hammering the API server every second while the WARN lines say why.
 */
final class StatusBackoff {

  /** One second at first, as a stale cache (409) usually clears by then; at most five minutes. */
  static final StatusBackoff DEFAULT = new StatusBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  private final Duration initial;
  private final Duration max;
  private int failures;

  StatusBackoff(Duration initial, Duration max) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
  }

  /** A fresh backoff with the same bounds; each controller keeps its own count. */
  StatusBackoff copy() {
    return new StatusBackoff(initial, max);
  }

  /** The delay before the next attempt after one more failed pass. */
  Duration failed() {
    int doublings = Math.min(failures, 30);
    failures++;
    Duration next = initial.multipliedBy(1L << doublings);
    return next.compareTo(max) > 0 || next.isNegative() ? max : next;
  }

  /** After a pass that wrote every status. */
  void succeeded() {
    failures = 0;
  }
}
