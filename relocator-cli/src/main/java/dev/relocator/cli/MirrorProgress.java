package dev.relocator.cli;

import dev.relocator.mirror.ByteSize;
import dev.relocator.mirror.ImageFailure;
import dev.relocator.mirror.ImageResult;
import dev.relocator.mirror.MirrorListener;
import dev.relocator.mirror.MirrorTask;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a mirror run: on a terminal one status line redrawn in place (images done/total, bytes,
 * throughput); otherwise one plain log line per finished image.
 */
final class MirrorProgress implements MirrorListener {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final boolean live;
  private final int total;
  private final long started = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong lastDraw = new AtomicLong();
  /** Set once the JVM exits mid-run: the copy threads may still report, but the notice stays last. */
  private boolean stopped;

  MirrorProgress(PrintWriter err, boolean live, int total) {
    this.err = err;
    this.live = live;
    this.total = total;
  }

  @Override
  public void bytesTransferred(long n) {
    bytes.addAndGet(n);
    if (live) {
      long now = System.nanoTime();
      long last = lastDraw.get();
      if (now - last > REDRAW_NANOS && lastDraw.compareAndSet(last, now)) {
        draw();
      }
    }
  }

  @Override
  public void imageStarted(MirrorTask task) {
    if (!live) {
      log("copying " + task.source() + " -> " + task.target().unpinned());
    }
  }

  @Override
  public void imageCopied(ImageResult result) {
    done.incrementAndGet();
    if (live) {
      draw();
      return;
    }
    log((result.upToDate() ? "up to date " : "copied ") + result.task().target().storedAs(result.targetDigest())
        + (result.upToDate() ? "" : " (" + ByteSize.human(result.bytesCopied()) + ")"));
  }

  @Override
  public void imageFailed(ImageFailure failure) {
    done.incrementAndGet();
    if (live) {
      draw();
    }
  }

  /** Clears the status line so the summary starts on a clean line. */
  void finish() {
    if (live) {
      synchronized (err) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }

  /**
   * Said when the JVM exits before the run ends (Ctrl-C, SIGTERM), from a shutdown hook: what
   * was stored stays stored, and a re-run finds it.
   */
  void interrupted() {
    synchronized (err) {
      stopped = true;
      err.print(live ? "\r\033[K" : "");
      err.println("relocator: stopped after " + done.get() + " of " + total + " images; what was copied is kept,"
          + " and running the same command again copies the rest");
      err.flush();
    }
  }

  private void draw() {
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
    String line = "[" + done.get() + "/" + total + " images] " + ByteSize.human(bytes.get()) + ", "
        + ByteSize.human((long) (bytes.get() / seconds)) + "/s";
    synchronized (err) {
      if (!stopped) {
        err.print("\r\033[K" + line);
        err.flush();
      }
    }
  }

  private void log(String line) {
    synchronized (err) {
      if (!stopped) {
        err.println(line);
        err.flush();
      }
    }
  }
}
