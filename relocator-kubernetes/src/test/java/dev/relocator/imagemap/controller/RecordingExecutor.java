package dev.relocator.imagemap.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The controller's one thread, noting the delay of everything scheduled on it: tests read the
 * controller's backoff from the delays it asks for, not from how long anything took.
 */
final class RecordingExecutor extends ScheduledThreadPoolExecutor {
  private final List<Long> delays = new ArrayList<>();
  private final List<ScheduledFuture<?>> delayed = new ArrayList<>();
  private final long delayedFrom;

  /** @param delayedFrom the delay (ms) from which a scheduled task counts in {@link #pending()} */
  RecordingExecutor(long delayedFrom) {
    super(1);
    this.delayedFrom = delayedFrom;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    ScheduledFuture<?> future = super.schedule(command, delay, unit);
    long millis = unit.toMillis(delay);
    synchronized (this) {
      delays.add(millis);
      if (millis >= delayedFrom) {
        delayed.add(future);
      }
    }
    return future;
  }

  /** Every delay asked so far, in milliseconds, in order. */
  synchronized List<Long> delays() {
    return List.copyOf(delays);
  }

  /** Tasks scheduled at least {@code delayedFrom} ahead that have neither run nor been cancelled. */
  synchronized long pending() {
    return delayed.stream().filter(f -> !f.isDone()).count();
  }
}
