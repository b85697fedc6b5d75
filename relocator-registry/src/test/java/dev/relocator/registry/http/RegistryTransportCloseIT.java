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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every request, {@code PATCH} chunks included, travels on the one HTTP stack, and nothing it
 * starts holds a JVM up: its threads are daemons, and closing a transport closes its connections.
 */
class RegistryTransportCloseIT {
  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  @Test
  void aChunkedUploadTravelsOnTheOneStackAndCloseLeavesNothingThatHoldsTheJvm() throws Exception {
    byte[] content = new byte[10_000];
    Digest digest = Digest.sha256(content);
    List<String> agents = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      agents.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
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
      Set<Thread> before = liveThreads();
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry)
          .connectTimeout(java.time.Duration.ofMillis(300)).build();
      RegistryClient client = RegistryClient.builder(registry).transport(transport).chunkSize(4_000).build();
      client.ping();
      client.pushBlob("demo/app", digest, BlobContent.ofBytes(content));
      assertThat(agents).as("PATCH chunks travel like every other request, on OkHttp")
          .anyMatch(a -> a.startsWith("PATCH ")).allMatch(a -> a.contains(" okhttp/"));

      transport.close();

      List<Thread> holding = liveThreads().stream().filter(t -> !before.contains(t) && !t.isDaemon()).toList();
      assertThat(holding).as("threads started by the transport that would hold a JVM up").isEmpty();
    } finally {
      server.stop(0);
    }
  }
}
