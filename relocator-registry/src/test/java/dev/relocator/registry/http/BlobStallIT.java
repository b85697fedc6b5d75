package dev.relocator.registry.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A blob transfer whose connection stops moving data is abandoned, not waited on forever. */
class BlobStallIT {
  @Test
  void stalledBlobDownloadFailsAfterTheStallTimeout() throws Exception {
    byte[] content = new byte[64 * 1024];
    Digest digest = Digest.sha256(content);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v2/", exchange -> {
      exchange.sendResponseHeaders(200, content.length);
      OutputStream out = exchange.getResponseBody();
      out.write(content, 0, 1000);
      out.flush();
      try {
        release.await(30, TimeUnit.SECONDS); // hang mid-body
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      RegistryClient client = RegistryClient.builder(host)
          .transport(RegistryTransport.builder().insecureRegistry(host).stallTimeout(Duration.ofMillis(600))
              .connectTimeout(Duration.ofSeconds(1)).build())
          .retryPolicy(RetryPolicy.NONE).build();
      try (InputStream in = client.pullBlob("demo/app", digest, content.length)) {
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
            .hasMessageContaining("pull blob " + digest)
            .hasMessageContaining("no data for 600 ms; connection abandoned");
      }
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  @Test
  void uploadTheReceiverStopsReadingFailsAfterTheStallTimeout() throws Exception {
    long size = 256L * 1024 * 1024; // far more than the loopback socket buffers hold
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v2/", exchange -> {
      if (exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Location", "/v2/demo/app/blobs/uploads/1");
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
        return;
      }
      try {
        release.await(30, TimeUnit.SECONDS); // never read the body
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      RegistryClient client = RegistryClient.builder(host)
          .transport(RegistryTransport.builder().insecureRegistry(host).stallTimeout(Duration.ofMillis(600))
              .connectTimeout(Duration.ofSeconds(1)).build())
          .retryPolicy(RetryPolicy.NONE).build();
      BlobContent zeros = new BlobContent() {
        @Override
        public long size() {
          return size;
        }

        @Override
        public InputStream open() {
          return new InputStream() {
            private long left = size;

            @Override
            public int read() {
              return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
              if (left <= 0) {
                return -1;
              }
              int n = (int) Math.min(len, left);
              java.util.Arrays.fill(b, off, off + n, (byte) 0);
              left -= n;
              return n;
            }
          };
        }
      };
      Digest digest = Digest.parse("sha256:" + "0".repeat(64));
      assertThatThrownBy(() -> client.pushBlob("demo/app", digest, zeros))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("the receiver took no data for 600 ms; upload abandoned");
    } finally {
      release.countDown();
      server.stop(0);
    }
  }
}
