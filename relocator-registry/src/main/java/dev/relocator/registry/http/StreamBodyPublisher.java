package dev.relocator.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A request body streamed from an {@link InputStream} in large chunks. The JDK's
 * {@code ofInputStream} hands the client 16 KiB at a time, and each hand-off costs a trip through
 * its selector thread: for a large blob that, not the network, bounds the upload rate. Memory
 * stays bounded: a chunk is read only when the client asks for one.
 */
public final class StreamBodyPublisher implements HttpRequest.BodyPublisher {
  static final int CHUNK = 1024 * 1024;

  private final Supplier<InputStream> source;
  private final long length;
  private final StallWatchdog.Progress progress;

  /** {@code progress} hears when the receiver asks for more, and when the whole body is handed over. */
  public StreamBodyPublisher(Supplier<InputStream> source, long length, StallWatchdog.Progress progress) {
    this.source = source;
    this.length = length;
    this.progress = progress;
  }

  /** Opens the body's bytes, for a sender that writes them itself ({@link UrlConnections}). */
  InputStream open() {
    return source.get();
  }

  StallWatchdog.Progress progress() {
    return progress;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    subscriber.onSubscribe(new Subscription(subscriber));
  }

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger draining = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private InputStream in;

    Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        fail(new IllegalArgumentException("non-positive request " + n));
        return;
      }
      progress.demanded();
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      // onNext may call request() again: only the outermost call drains, the others count.
      if (draining.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        while (demand.get() > 0 && !done.get()) {
          try {
            if (in == null) {
              in = source.get();
            }
            byte[] chunk = new byte[CHUNK];
            int n2 = in.readNBytes(chunk, 0, CHUNK);
            if (n2 > 0) {
              demand.decrementAndGet();
              subscriber.onNext(ByteBuffer.wrap(chunk, 0, n2));
            }
            if (n2 < CHUNK) {
              if (done.compareAndSet(false, true)) {
                close();
                progress.sent();
                subscriber.onComplete();
              }
            }
          } catch (IOException | RuntimeException e) {
            fail(e);
          }
        }
        missed = draining.addAndGet(-missed);
      } while (missed != 0);
    }

    @Override
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        close();
      }
    }

    private void fail(Throwable e) {
      if (done.compareAndSet(false, true)) {
        close();
        subscriber.onError(e);
      }
    }

    private void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // Nothing more to read from it either way.
        }
      }
    }
  }
}
