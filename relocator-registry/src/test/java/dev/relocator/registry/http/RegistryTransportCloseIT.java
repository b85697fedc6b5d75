package dev.relocator.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.registry.RegistryClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JDK client is built only for what needs it ({@code PATCH}), and closing a transport stops
 * its selector thread, so a JVM exits without JDK 17's 300 ms wait for threads in native code
 * (the failsafe configuration opens the client's package, as the executable jar's manifest does).
 */
class RegistryTransportCloseIT {
  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void onlyAChunkedUploadBuildsTheJdkClientAndCloseStopsItsSelectorThread() throws Exception {
    byte[] content = new byte[10_000];
    Digest digest = Digest.sha256(content);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestMethod()) {
        case "POST", "PATCH" -> {
          exchange.getResponseHeaders().set("Location", "/v2/demo/app/blobs/uploads/1");
          exchange.sendResponseHeaders(202, -1);
        }
        case "PUT" -> {
          exchange.getResponseHeaders().set("Docker-Content-Digest", digest.toString());
          exchange.sendResponseHeaders(201, -1);
        }
        default -> exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      String registry = "127.0.0.1:" + server.getAddress().getPort();
      Set<Thread> before = selectorThreads();
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry)
          .connectTimeout(java.time.Duration.ofMillis(300)).build();
      RegistryClient client = RegistryClient.builder(registry).transport(transport).chunkSize(4_000).build();
      client.ping();
      assertThat(selectorThreads()).as("a ping travels on HttpURLConnection").isEqualTo(before);

      client.pushBlob("demo/app", digest, BlobContent.ofBytes(content));
      List<Thread> started = selectorThreads().stream().filter(t -> !before.contains(t)).toList();
      assertThat(started).as("PATCH chunks travel on the JDK client").isNotEmpty();

      transport.close();

      for (Thread thread : started) {
        thread.join(5_000);
        assertThat(thread.isAlive()).as(thread.getName() + " still running after close").isFalse();
      }
    } finally {
      server.stop(0);
    }
  }
}
