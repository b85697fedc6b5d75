package dev.relocator.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blob transfers that stop moving, by the stall timeout. A download is bounded by its
 * socket's read timeout ({@link #readTimed}), which {@link UrlConnections} sets to the stall timeout;
 * an upload's socket writes do not time out, so one daemon thread per transport watches each
 * upload ({@link #guardUpload}) and disconnects one the registry takes no data of for that long.
 * Either way the transfer fails with an {@link IOException} saying so, and is retried.
 */
public final class StallWatchdog {
  private final Duration timeout;
  private final Set<UploadGuard> active = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;

  StallWatchdog(Duration timeout) {
    this.timeout = timeout;
  }

  /** The stall timeout, for sockets that bound their own reads with it. */
  Duration timeout() {
    return timeout;
  }

  /**
   * {@code in}, read from a socket whose read timeout is the stall timeout: its timeout is reported
   * as a stall, as the watchdog would. Closing such a stream from another thread would wait for the
   * blocked read, so the socket's own timeout bounds it instead.
   */
  InputStream readTimed(InputStream in, String what) {
    return new ReadTimed(in, what);
  }

  private void watch(UploadGuard guard) {
    active.add(guard);
    start();
  }

  private void unwatch(UploadGuard guard) {
    active.remove(guard);
  }

  /** What an upload body reports: the receiver's demand, and the end of the body. */
  public interface Progress {
    Progress NONE = new Progress() {
      @Override
      public void demanded() {}

      @Override
      public void sent() {}
    };

    /** The receiver asked for more data. */
    void demanded();

    /** The whole body was handed over; what remains is the server's answer. */
    void sent();
  }

  /**
   * Watches one upload request sent by the calling thread: unless {@link UploadGuard#demanded()} is
   * called within the stall timeout, the thread is interrupted, which makes the JDK client cancel
   * the exchange (or its {@link UploadGuard#onAbandon action} runs). Close it right after the request.
   */
  public UploadGuard guardUpload() {
    UploadGuard guard = new UploadGuard(Thread.currentThread());
    watch(guard);
    return guard;
  }

  /** See {@link #guardUpload()}. */
  public final class UploadGuard implements Progress, AutoCloseable {
    private final Thread thread;
    private volatile long lastProgress = System.nanoTime();
    private boolean armed = true;
    private boolean stalled;
    private boolean interrupted;
    private Runnable onAbandon;

    private UploadGuard(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void demanded() {
      lastProgress = System.nanoTime();
    }

    /** Committing a large blob may take the server a while: that is not a stall. */
    @Override
    public void sent() {
      unwatch(this);
    }

    /** {@link System#nanoTime()} of the last progress. */
    private long lastProgress() {
      return lastProgress;
    }

    /**
     * Stops the upload with {@code action} instead of interrupting the thread: a blocking socket
     * write does not hear interrupts, closing its connection ends it.
     */
    synchronized void onAbandon(Runnable action) {
      onAbandon = action;
    }

    /** Stops the upload; called once, from the watchdog thread. */
    private synchronized void abandon() {
      if (armed) {
        stalled = true;
        if (onAbandon != null) {
          onAbandon.run();
        } else {
          interrupted = true;
          thread.interrupt();
        }
      }
    }

    /** Whether the upload was abandoned; its interrupt is cleared by {@link #close()}. */
    public synchronized boolean stalled() {
      return stalled;
    }

    @Override
    public void close() {
      unwatch(this);
      synchronized (this) {
        armed = false;
        if (interrupted) {
          Thread.interrupted(); // the interrupt was ours, not a cancellation of the caller
        }
      }
    }

    public String message() {
      return "the receiver took no data for " + describeTimeout() + "; upload abandoned";
    }
  }

  /** The timeout for messages: {@code 600 ms}, {@code 60 s}. */
  String describeTimeout() {
    return timeout.toMillis() < 10_000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
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
    for (UploadGuard guard : active) {
      if (now - guard.lastProgress() > timeout.toNanos()) {
        active.remove(guard);
        guard.abandon();
      }
    }
  }

  private final class ReadTimed extends FilterInputStream {
    private final String what;

    ReadTimed(InputStream in, String what) {
      super(in);
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (SocketTimeoutException e) {
        throw stallError(what, e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (SocketTimeoutException e) {
        throw stallError(what, e);
      }
    }
  }

  private IOException stallError(String what, IOException cause) {
    return new IOException(what + ": no data for " + describeTimeout() + "; connection abandoned", cause);
  }
}
