package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Closing a transport stops its HTTP client's selector thread, so a JVM exits without JDK 17's
 * 300 ms wait for threads in native code (the failsafe configuration opens the client's package,
 * as the executable jar's manifest does).
 */
class RegistryTransportCloseIT {
  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void closeStopsTheSelectorThreadOfTheClientItBuilt() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      String registry = "127.0.0.1:" + server.getAddress().getPort();
      Set<Thread> before = selectorThreads();
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry)
          // This server never answers the TLS probe: give up on it soon.
          .connectTimeout(java.time.Duration.ofMillis(300)).build();
      RegistryClient.builder(registry).transport(transport).build().ping();
      List<Thread> started = selectorThreads().stream().filter(t -> !before.contains(t)).toList();
      assertThat(started).isNotEmpty();

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
