package dev.relocator.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.relocator.registry.RegistryClient;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS hello an insecure registry's endpoint is sniffed with tells plain HTTP from everything else. */
class PlainHttpSnifferIT {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void plainHttpRegistryAnswersTheHelloInHttp() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      assertThat(PlainHttpSniffer.answersPlainHttp(registry.hostPort(), TIMEOUT)).isTrue();
    }
  }

  @Test
  void tlsRegistryAnswersInTlsAndIsLeftToTheRealProbe() throws Exception {
    TestPki pki = TestPki.create("relocator test CA");
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).tls(pki.serverCertificate()).start()) {
      assertThat(PlainHttpSniffer.answersPlainHttp(registry.hostPort(), TIMEOUT)).isFalse();
      // ... where the insecure rule then settles on HTTPS, as Docker's does.
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
        assertThat(PlainHttpSniffer.answersPlainHttp(host + ":" + server.getAddress().getPort(), TIMEOUT)).as(host).isTrue();
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
      assertThat(PlainHttpSniffer.answersPlainHttp("127.0.0.1:" + silent.getLocalPort(), TIMEOUT)).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout").isLessThan(Duration.ofSeconds(4));
      acceptor.interrupt();
    }
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    assertThat(PlainHttpSniffer.answersPlainHttp("127.0.0.1:" + closed, TIMEOUT)).isFalse();
  }

  private static boolean ipv6LoopbackWorks() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
