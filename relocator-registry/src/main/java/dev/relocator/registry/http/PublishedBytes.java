package dev.relocator.registry.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * The bytes of a small in-memory request body (a manifest, a token form), taken from its
 * {@link HttpRequest.BodyPublisher} for a sender that writes bodies itself ({@link UrlConnections}).
 * The JDK's byte-array and string publishers deliver everything on the subscribing thread.
 */
final class PublishedBytes {
  private PublishedBytes() {}

  static byte[] collect(HttpRequest.BodyPublisher publisher) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, Math.min(publisher.contentLength(), 1 << 20)));
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer buffer) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        done.complete(bytes.toByteArray());
      }
    });
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IOException("cannot read the request body: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the request body", e);
    }
  }
}
