package dev.relocator.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Abandons response bodies that stop delivering data. The JDK client's request timeout ends when
 * the headers arrive, so a blob download whose connection hangs would block its reader forever;
 * here one daemon thread per transport closes any guarded stream idle for longer than the stall
 * timeout, and the blocked read fails with an {@link IOException} saying so (and is retried).
 */
final class StallWatchdog {
  private final Duration timeout;
  private final Set<Guarded> active = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;

  StallWatchdog(Duration timeout) {
    this.timeout = timeout;
  }

  /** {@code in}, closed by the watchdog if no byte arrives for the stall timeout. */
  InputStream guard(InputStream in, String what) {
    Guarded guarded = new Guarded(in, what);
    active.add(guarded);
    start();
    return guarded;
  }

  private synchronized void start() {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "relocator-registry-stall-watchdog");
        thread.setDaemon(true);
        return thread;
      });
      long period = Math.max(50, timeout.toMillis() / 4);
      scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private void check() {
    long now = System.nanoTime();
    for (Guarded guarded : active) {
      if (now - guarded.lastProgress > timeout.toNanos()) {
        guarded.abandon();
      }
    }
  }

  private final class Guarded extends FilterInputStream {
    private final String what;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    Guarded(InputStream in, String what) {
      super(in);
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      progress(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(buffer, offset, length);
      } catch (IOException e) {
        throw stalled ? stallError(e) : e;
      }
      progress(n);
      return n;
    }

    private void progress(int n) throws IOException {
      if (stalled) {
        throw stallError(null);
      }
      if (n < 0) {
        active.remove(this);
      } else {
        lastProgress = System.nanoTime();
      }
    }

    private IOException stallError(IOException cause) {
      String idle = timeout.toMillis() < 10_000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
      return new IOException(what + ": no data for " + idle + "; connection abandoned", cause);
    }

    void abandon() {
      stalled = true;
      active.remove(this);
      try {
        in.close(); // cancels the exchange and wakes the blocked reader
      } catch (IOException ignored) {
        // The reader reports the stall.
      }
    }

    @Override
    public void close() throws IOException {
      active.remove(this);
      super.close();
    }
  }
}
