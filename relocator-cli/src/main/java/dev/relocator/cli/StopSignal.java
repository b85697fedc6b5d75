package dev.relocator.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Holds {@code relocator serve} until SIGTERM or SIGINT, so the server is closed on the serving
 * thread and the command exits 0 (a JVM that merely runs its shutdown hooks on SIGTERM exits 143).
 *
 * <p>Where a signal cannot be handled (the JVM runs with {@code -Xrs}, or the shell started the
 * process with SIGINT ignored), the JVM's own handling stays, and the shutdown hook that the
 * caller registers still closes the server.
 */
final class StopSignal {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<String> reason = new AtomicReference<>();

  /** A stop signal tripped by SIGTERM and SIGINT from now on. */
  static StopSignal onTermOrInt() {
    StopSignal stop = new StopSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> stop.request("SIG" + s.getName()));
      } catch (IllegalArgumentException unavailable) {
        // Reserved by the JVM or ignored by the parent: leave it to the JVM and the shutdown hook.
      }
    }
    return stop;
  }

  /** Asks the waiting thread to stop; the first reason given is kept. */
  void request(String why) {
    reason.compareAndSet(null, why);
    stopped.countDown();
  }

  /** Blocks until {@link #request} and returns its reason. */
  String await() throws InterruptedException {
    stopped.await();
    return reason.get();
  }
}
