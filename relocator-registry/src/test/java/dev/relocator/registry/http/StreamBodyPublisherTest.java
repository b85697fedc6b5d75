package dev.relocator.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamBodyPublisherTest {
  /** Asks for one chunk at a time from inside onNext, as the HTTP client does. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    boolean complete;
    int chunks;
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
      chunks++;
      byte[] b = new byte[item.remaining()];
      item.get(b);
      bytes.writeBytes(b);
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onComplete() {
      complete = true;
    }
  }

  @Test
  void streamsEveryByteInMegabyteChunksThenCompletes() {
    byte[] content = new byte[StreamBodyPublisher.CHUNK * 2 + 123];
    new Random(3).nextBytes(content);
    Collector collector = new Collector();
    new StreamBodyPublisher(() -> new ByteArrayInputStream(content), content.length, StallWatchdog.Progress.NONE).subscribe(collector);
    assertThat(collector.bytes.toByteArray()).isEqualTo(content);
    assertThat(collector.chunks).isEqualTo(3);
    assertThat(collector.complete).isTrue();
    assertThat(collector.error.get()).isNull();
  }

  @Test
  void aFailingSourceEndsTheBodyWithItsError() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("source cut");
      }
    };
    Collector collector = new Collector();
    new StreamBodyPublisher(() -> broken, 10, StallWatchdog.Progress.NONE).subscribe(collector);
    assertThat(collector.error.get()).hasMessage("source cut");
    assertThat(collector.complete).isFalse();
  }
}
