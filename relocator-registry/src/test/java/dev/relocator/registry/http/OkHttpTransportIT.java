package dev.relocator.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.BlobPushResult;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.testing.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every request travels on the one OkHttp stack (OkHttpTransport), with the auth and redirect rules of the registry client. */
class OkHttpTransportIT {
  private static final Credentials USER = new Credentials("user", "secret");

  @ParameterizedTest(name = "redirect to {0} -> Authorization {1}")
  @CsvSource({
      "127.0.0.1, kept",    // same origin: the registry serving its blob from another path
      "localhost, dropped", // another host: blob storage must not see the registry's credentials
  })
  void redirectedBlobGetKeepsAuthorizationOnlyOnTheSameOrigin(String storageHost, String expected) throws Exception {
    byte[] content = "blob behind a redirect".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(content);
    List<String> storageAuthorization = new CopyOnWriteArrayList<>();
    List<String> storageAgents = new CopyOnWriteArrayList<>();
    HttpServer server = server();
    server.createContext("/storage/", exchange -> {
      storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      storageAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
      exchange.sendResponseHeaders(200, content.length);
      exchange.getResponseBody().write(content);
      exchange.close();
    });
    server.createContext("/v2/", exchange -> {
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(401, -1);
      } else {
        exchange.getResponseHeaders().set("Location",
            "http://" + storageHost + ":" + server.getAddress().getPort() + "/storage/" + digest.encoded());
        exchange.sendResponseHeaders(302, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      try (InputStream in = client(server).pullBlob("demo/app", digest, content.length)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
      assertThat(storageAuthorization).containsExactly(expected.equals("kept") ? USER.basicHeader() : "null");
      assertThat(storageAgents).as("fetched on OkHttp").allMatch(agent -> agent.startsWith("okhttp/"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void uploadAnswered401MidSessionIsAuthenticatedAgainAndSentAtFixedLength() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17]; // more than one 1 MiB buffer, not a multiple of it
    new java.util.Random(7).nextBytes(content);
    Digest digest = Digest.sha256(content);
    AtomicInteger puts = new AtomicInteger();
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> agents = new CopyOnWriteArrayList<>();
    HttpServer server = server();
    server.createContext("/v2/", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (exchange.getRequestMethod().equals("PUT")) {
        agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (authorization == null || exchange.getRequestMethod().equals("PUT") && puts.incrementAndGet() == 1) {
        // No credentials yet, or the first PUT: as if its token had just expired.
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(401, -1);
      } else if (exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Location", "/v2/demo/app/blobs/uploads/1");
        exchange.sendResponseHeaders(202, -1);
      } else {
        received.add(exchange.getRequestHeaders().getFirst("Content-Length") + " "
            + exchange.getRequestHeaders().getFirst("Transfer-Encoding") + " "
            + (Digest.sha256(body).equals(digest) ? "intact" : "corrupt " + body.length));
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest.toString());
        exchange.sendResponseHeaders(201, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      client(server).pushBlob("demo/app", digest, BlobContent.ofBytes(content));
      assertThat(received).containsExactly(content.length + " null intact");
      assertThat(puts).hasValue(2);
      assertThat(agents).as("both PUTs on OkHttp").allMatch(agent -> agent.startsWith("okhttp/")).hasSize(2);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void manifestsPingsAndUploadStartsTravelOnOkHttpWithExactBodies() throws Exception {
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + Digest.sha256(new byte[0]) + "\",\"size\":0},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    Digest manifestDigest = Digest.sha256(manifest);
    Digest blob = Digest.sha256("present".getBytes(StandardCharsets.UTF_8));
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = server();
    server.createContext("/v2/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String agent = exchange.getRequestHeaders().getFirst("User-Agent");
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " length="
          + exchange.getRequestHeaders().getFirst("Content-Length") + " body=" + body.length
          + (agent.startsWith("okhttp/") ? "" : " agent=" + agent));
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(401, -1);
      } else if (exchange.getRequestMethod().equals("PUT")) {
        assertThat(body).isEqualTo(manifest);
        exchange.getResponseHeaders().set("Docker-Content-Digest", manifestDigest.toString());
        exchange.sendResponseHeaders(201, -1);
      } else if (exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Docker-Content-Digest", blob.toString());
        exchange.sendResponseHeaders(201, -1); // mounted
      } else if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Content-Length", "7");
        exchange.getResponseHeaders().set("Docker-Content-Digest", blob.toString());
        exchange.sendResponseHeaders(200, -1);
      } else {
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      RegistryClient client = client(server);
      client.ping();
      client.pushManifest("demo/app", "1.0", Manifest.parse(manifest, "application/vnd.oci.image.manifest.v1+json", "test"));
      assertThat(client.checkBlob("demo/app", blob)).hasValue(7);
      assertThat(client.pushOrMountBlob("demo/app", blob, BlobContent.ofBytes("present".getBytes(StandardCharsets.UTF_8)),
          "demo/base")).isEqualTo(BlobPushResult.MOUNTED);
      assertThat(seen).containsExactly(
          "GET /v2/ length=null body=0",
          "GET /v2/ length=null body=0",
          "PUT /v2/demo/app/manifests/1.0 length=" + manifest.length + " body=" + manifest.length,
          "HEAD /v2/demo/app/blobs/" + blob + " length=null body=0",
          "POST /v2/demo/app/blobs/uploads/ length=0 body=0");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void requestsToAnInsecureTlsRegistryShareOneKeptConnection() throws Exception {
    TestPki.Issued certificate = TestPki.create("relocator test CA").serverCertificate();
    SSLContext tls = certificate.servingContext();
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/v2/", exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      requests.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      RegistryClient client = RegistryClient.builder(host)
          .transport(RegistryTransport.builder().insecureRegistry(host).build()).retryPolicy(RetryPolicy.NONE).build();
      for (int i = 0; i < 5; i++) {
        assertThat(client.checkManifest("demo/app", "1." + i)).isEmpty();
      }
      assertThat(requests).as("the HTTPS probe and five HEADs").hasValue(6);
      assertThat(clientPorts).as("one TLS connection, kept between requests").hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unreachableTokenServiceIsNamedWithAPlainReason() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    String realm = "http://127.0.0.1:" + closed + "/token";
    HttpServer server = server();
    server.createContext("/v2/", exchange -> {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"test\"");
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    try {
      assertThatThrownBy(() -> client(server).ping())
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("get token from " + realm + ": Connection refused")
          .hasMessageNotContaining("java.net.");
    } finally {
      server.stop(0);
    }
  }

  /** A relative Location or Link in an answer resolves against where the answer came from. */
  @Test
  void responseUriIsTheRequestedOneUnlessARedirectMovedIt() throws Exception {
    HttpServer server = server();
    server.createContext("/v2/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/v2/old/tags/list")) {
        exchange.getResponseHeaders().set("Location", "/v2/new/tags/list?n=2");
        exchange.sendResponseHeaders(307, -1);
      } else {
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String registry = "127.0.0.1:" + server.getAddress().getPort();
    try (RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry).build()) {
      URI asked = URI.create(base + "/v2/here/tags/list?n=2&last=a%2Fb");
      try (TransportResponse direct = transport.send(TransportRequest.newBuilder(asked).GET().build(), registry, "direct")) {
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.uri()).isEqualTo(asked);
      }
      try (TransportResponse moved = transport.send(
          TransportRequest.newBuilder(URI.create(base + "/v2/old/tags/list")).GET().build(), registry, "moved")) {
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.uri()).isEqualTo(URI.create(base + "/v2/new/tags/list?n=2"));
        assertThat(moved.uri().resolve("/v2/new/tags/list?last=x")).hasToString(base + "/v2/new/tags/list?last=x");
      }
    } finally {
      server.stop(0);
    }
  }

  private static HttpServer server() throws java.io.IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  private static RegistryClient client(HttpServer server) {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    return RegistryClient.builder(host)
        .transport(RegistryTransport.builder().insecureRegistry(host).connectTimeout(Duration.ofSeconds(1)).build())
        .credentials(CredentialProvider.of(host, USER))
        .retryPolicy(RetryPolicy.NONE).build();
  }
}
