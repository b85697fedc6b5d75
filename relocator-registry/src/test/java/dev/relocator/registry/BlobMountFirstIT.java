package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.registry.http.RegistryTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RegistryClient#pushOrMountBlob} against a scripted registry on loopback: the mount request
 * is the upload's first request, whatever the registry makes of it. The real registry's answers
 * (201 when it holds the blob, 202 when not) are covered by {@code RegistryClientIT}; here, the
 * registries that answer otherwise.
 */
class BlobMountFirstIT {
  private static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(CONTENT);

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  /** How the scripted registry answers a {@code POST} that asks to mount. */
  private volatile int mountStatus;
  /** Answers the first closing {@code PUT} by dropping the connection after storing the blob. */
  private volatile boolean cutFirstPut;
  private volatile boolean stored;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void registryWithoutMountsOpensTheSessionTheUploadThenUses() {
    mountStatus = 202;

    assertThat(client().pushOrMountBlob("demo/app", DIGEST, BlobContent.ofBytes(CONTENT), "demo/app"))
        .isEqualTo(BlobPushResult.UPLOADED);
    assertThat(stored).isTrue();
    assertThat(seen).containsExactly(
        "POST /v2/demo/app/blobs/uploads/ mount=" + DIGEST + "&from=demo/app",
        "PUT /v2/demo/app/blobs/uploads/session digest=" + DIGEST + " 11 bytes");
  }

  /** 400: parameters it does not take; 403: no pull of the repository mounted from; 404: no such repository. */
  @ParameterizedTest(name = "mount request answered {0}")
  @ValueSource(ints = {400, 403, 404})
  void registryRefusingTheMountRequestGetsAPlainUpload(int status) {
    mountStatus = status;

    assertThat(client().pushOrMountBlob("demo/app", DIGEST, BlobContent.ofBytes(CONTENT), "demo/base"))
        .isEqualTo(BlobPushResult.UPLOADED);
    assertThat(seen).containsExactly(
        "POST /v2/demo/app/blobs/uploads/ mount=" + DIGEST + "&from=demo/base",
        "POST /v2/demo/app/blobs/uploads/ -",
        "PUT /v2/demo/app/blobs/uploads/session digest=" + DIGEST + " 11 bytes");
  }

  @Test
  void uploadRestartedAfterABrokenAnswerFindsTheBlobItStoredInsteadOfSendingItAgain() {
    mountStatus = 202;
    cutFirstPut = true;

    assertThat(client().pushOrMountBlob("demo/app", DIGEST, BlobContent.ofBytes(CONTENT), "demo/app"))
        .isEqualTo(BlobPushResult.MOUNTED);
    assertThat(seen).containsExactly(
        "POST /v2/demo/app/blobs/uploads/ mount=" + DIGEST + "&from=demo/app",
        "PUT /v2/demo/app/blobs/uploads/session digest=" + DIGEST + " 11 bytes",
        "POST /v2/demo/app/blobs/uploads/ mount=" + DIGEST + "&from=demo/app");
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String query = exchange.getRequestURI().getQuery();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      seen.add(method + " " + path + " " + (query == null ? "-" : query)
          + (method.equals("PUT") ? " " + body.length + " bytes" : ""));
      boolean mount = query != null && query.contains("mount=");
      if (method.equals("POST") && mount && stored && query.contains("from=demo/app")) {
        exchange.getResponseHeaders().set("Location", "/v2/demo/app/blobs/" + DIGEST);
        exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST.toString());
        exchange.sendResponseHeaders(201, -1);
      } else if (method.equals("POST") && mount && mountStatus != 202) {
        byte[] error = "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"no mounts here\"}]}"
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(mountStatus, error.length);
        exchange.getResponseBody().write(error);
      } else if (method.equals("POST")) {
        exchange.getResponseHeaders().set("Location", "/v2/demo/app/blobs/uploads/session");
        exchange.sendResponseHeaders(202, -1);
      } else if (method.equals("PUT") && path.endsWith("/uploads/session")) {
        stored = Digest.sha256(body).equals(DIGEST);
        if (cutFirstPut) {
          cutFirstPut = false;
          throw new IOException("connection dropped after the blob was stored");
        }
        exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST.toString());
        exchange.sendResponseHeaders(201, -1);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private RegistryClient client() {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    return RegistryClient.builder(host)
        .transport(RegistryTransport.builder().insecureRegistry(host).connectTimeout(Duration.ofSeconds(1)).build())
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
        .build();
  }
}
