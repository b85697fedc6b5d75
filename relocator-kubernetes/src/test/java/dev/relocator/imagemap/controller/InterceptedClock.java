package dev.relocator.imagemap.controller;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's time in UTC, with a hook a test fills to break or hold whoever asks for it: the
 * controller and the map sources read their clock inside every pass, so the clock is where a test
 * reaches into a pass.
 */
abstract class InterceptedClock extends Clock {

  /** Runs on every {@link #instant()} before the time is read; may throw or block. */
  abstract void intercept();

  @Override
  public final Instant instant() {
    intercept();
    return Instant.now();
  }

  @Override
  public final ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public final Clock withZone(ZoneId zone) {
    return this;
  }
}
