package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.http.RegistryTransport;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A blob redirected to storage on another host is fetched there without the registry's credentials. */
class BlobRedirectIT {
  @Test
  void redirectedBlobIsFollowedWithoutTheAuthorizationHeader() throws Exception {
    byte[] content = "blob in object storage".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(content);
    List<String> storageAuthorization = new CopyOnWriteArrayList<>();
    HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    storage.createContext("/bucket", exchange -> {
      storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.sendResponseHeaders(200, content.length);
      exchange.getResponseBody().write(content);
      exchange.close();
    });
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/v2/", exchange -> {
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(401, -1);
      } else {
        exchange.getResponseHeaders().set("Location",
            "http://localhost:" + storage.getAddress().getPort() + "/bucket/" + digest.encoded());
        exchange.sendResponseHeaders(307, -1);
      }
      exchange.close();
    });
    storage.start();
    registry.start();
    try {
      String host = "127.0.0.1:" + registry.getAddress().getPort();
      RegistryClient client = RegistryClient.builder(host)
          .transport(RegistryTransport.builder().insecureRegistry(host).connectTimeout(java.time.Duration.ofSeconds(1)).build())
          .credentials(CredentialProvider.of(host, new Credentials("user", "secret")))
          .retryPolicy(RetryPolicy.NONE).build();
      try (InputStream in = client.pullBlob("demo/app", digest, content.length)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
      assertThat(storageAuthorization).containsExactly("null");
    } finally {
      registry.stop(0);
      storage.stop(0);
    }
  }
}
