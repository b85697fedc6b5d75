package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.relocator.registry.error.PlainHttpRegistryException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that answers the HTTPS attempt in plain HTTP is told from the JDK's TLS error: an
 * insecure one is then reached over HTTP (Docker's rule, HTTPS first), and one not declared
 * insecure fails with an error that says so and names the endpoint to declare insecure.
 */
class PlainHttpDetectionIT {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void plainHttpRegistryAnswersTheHelloInHttp() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      assertThat(insecureBase(registry.hostPort())).isEqualTo("http");
      assertAnswersInPlainHttp(registry.hostPort());
    }
  }

  @Test
  void tlsRegistryAnswersInTlsAndIsLeftToTheRealProbe() throws Exception {
    TestPki pki = TestPki.create("relocator test CA");
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).tls(pki.serverCertificate()).start()) {
      // ... where the insecure rule settles on HTTPS, as Docker's does (with the default connect
      // timeout: a cold JVM's first handshake on a loaded machine may take longer than TIMEOUT).
      assertThat(insecureBase(registry.hostPort(), Duration.ofSeconds(10))).isEqualTo("https");
      RegistryClient.builder(registry.hostPort())
          .transport(RegistryTransport.builder().insecureRegistry(registry.hostPort()).build()).build().ping();
    }
  }

  @Test
  void jdkHttpServerOnIpv4AndIpv6LoopbackAnswersInHttp() throws Exception {
    List<String> endpoints = new ArrayList<>();
    endpoints.add("127.0.0.1");
    if (ipv6LoopbackWorks()) {
      endpoints.add("[::1]");
    }
    for (String host : endpoints) {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host.replaceAll("[\\[\\]]", "")), 0), 0);
      server.createContext("/", exchange -> {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
      });
      server.start();
      try {
        // The JDK's server waits for the end of a request line that a TLS hello never sends, so
        // the HTTPS attempt ends at the probe's timeout, and HTTP it is.
        long start = System.nanoTime();
        assertThat(insecureBase(host + ":" + server.getAddress().getPort())).as(host).isEqualTo("http");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout").isLessThan(Duration.ofSeconds(4));
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void silentServerAndClosedPortAreLeftToTheRealProbe() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(5_000); // reads nothing, answers nothing
        } catch (Exception stopped) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();
      String endpoint = "127.0.0.1:" + silent.getLocalPort();
      assertThat(insecureBase(endpoint)).as("HTTPS failed: HTTP, as Docker's rule says").isEqualTo("http");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout").isLessThan(Duration.ofSeconds(4));
      acceptor.interrupt();
    }
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    assertThat(insecureBase("127.0.0.1:" + closed)).isEqualTo("http");
    assertThatThrownBy(() -> strict("127.0.0.1:" + closed).ping())
        .isInstanceOf(RegistryUnavailableException.class)
        .isNotInstanceOf(PlainHttpRegistryException.class)
        .hasMessageNotContaining("plain HTTP");
  }

  /** The scheme the insecure-registry rule settles on for {@code endpoint}. */
  private static String insecureBase(String endpoint) {
    return insecureBase(endpoint, TIMEOUT);
  }

  private static String insecureBase(String endpoint, Duration connectTimeout) {
    RegistryTransport transport = RegistryTransport.builder().insecureRegistry(endpoint).connectTimeout(connectTimeout).build();
    try (transport) {
      return new RegistryEndpointCaller(endpoint, transport, Optional.empty(), RetryPolicy.NONE, d -> {})
          .base().getScheme();
    }
  }

  /** A client for {@code endpoint} that is not declared insecure: HTTPS only. */
  private static RegistryClient strict(String endpoint) {
    return RegistryClient.builder(endpoint)
        .transport(RegistryTransport.builder().connectTimeout(TIMEOUT).build()).retryPolicy(RetryPolicy.NONE).build();
  }

  private static void assertAnswersInPlainHttp(String endpoint) {
    assertThatThrownBy(() -> strict(endpoint).ping())
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("it answers in plain HTTP")
        .hasMessageNotContaining("--insecure-registry") // the CLI words the flag (ErrorReporter)
        .isInstanceOfSatisfying(PlainHttpRegistryException.class, e -> assertThat(e.endpoint()).isEqualTo(endpoint));
  }

  private static boolean ipv6LoopbackWorks() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
