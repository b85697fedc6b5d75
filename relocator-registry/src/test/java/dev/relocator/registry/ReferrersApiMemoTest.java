package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.http.RegistryTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A registry without the referrers API (404 for {@code /v2/NAME/referrers/DIGEST}) is asked once,
 * however many copies (--jobs) want referrers at the same moment: the first request learns it and
 * the others wait for its answer.
 */
class ReferrersApiMemoTest {
  private static final int JOBS = 8;

  /** Loopback HTTP: /v2/ answers 200; a referrers request is held until all JOBS arrive (or 2 s), then 404. */
  private static final class NoReferrersApi implements AutoCloseable {
    final AtomicInteger referrersRequests = new AtomicInteger();
    final CountDownLatch allArrived = new CountDownLatch(JOBS);
    final HttpServer server;
    final ExecutorService handlers = Executors.newCachedThreadPool();

    NoReferrersApi() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(handlers);
      server.createContext("/", this::handle);
      server.start();
    }

    String hostPort() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().contains("/referrers/")) {
        referrersRequests.incrementAndGet();
        allArrived.countDown();
        try {
          // Without a memo every job's request is in flight here at once; with one, only the first.
          allArrived.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = exchange.getRequestURI().getPath().equals("/v2/") ? 200 : 404;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void concurrentCopiesLearnOnceThatTheRegistryHasNoReferrersApi() throws Exception {
    try (NoReferrersApi registry = new NoReferrersApi(); RegistryTransport transport = RegistryTransport.builder().build()) {
      String host = registry.hostPort();
      RegistryClient client = RegistryClient.builder(host).transport(transport)
          .endpoints(RegistryEndpoints.parse(List.of(host + "=http://" + host))).build();
      ExecutorService jobs = Executors.newFixedThreadPool(JOBS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<Manifest>>> answers = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        Digest subject = Digest.parse("sha256:" + Integer.toString(i).repeat(64));
        answers.add(jobs.submit(() -> {
          start.await();
          return client.listReferrers("demo/app" + subject.encoded().charAt(0), subject);
        }));
      }
      start.countDown();
      for (Future<Optional<Manifest>> answer : answers) {
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEmpty();
      }
      jobs.shutdown();

      assertThat(registry.referrersRequests).as("referrers requests to a registry without the API").hasValue(1);
      assertThat(client.listReferrers("demo/later", Digest.parse("sha256:" + "a".repeat(64)))).isEmpty();
      assertThat(registry.referrersRequests).as("after it is known").hasValue(1);
    }
  }
}
