package dev.relocator.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry in memory on a loopback port, just enough of the distribution API for
 * {@link StartupTraining} to push, copy and re-check one small image: manifests by tag and
 * digest, blobs, monolithic uploads (digest-checked), mounts, and the tag list a mirror reads to
 * find attached artifacts (so the archive holds that path's classes too). Not a registry for
 * anything else.
 */
final class TrainingRegistry implements AutoCloseable {
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
  private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");
  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");

  private record Stored(String mediaType, byte[] bytes, Digest digest) {}

  private final HttpServer server;
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

  private TrainingRegistry(HttpServer server) {
    this.server = server;
  }

  static TrainingRegistry start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TrainingRegistry registry = new TrainingRegistry(server);
    server.createContext("/v2/", registry::handle);
    server.start();
    return registry;
  }

  /** {@code 127.0.0.1:PORT}. */
  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      Matcher m;
      if (path.equals("/v2/")) {
        answer(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), method);
      } else if ((m = UPLOADS.matcher(path)).matches()) {
        upload(exchange, m.group(1), m.group(2), method, query, body);
      } else if ((m = MANIFEST.matcher(path)).matches()) {
        manifest(exchange, m.group(1), m.group(2), method, body);
      } else if ((m = TAGS.matcher(path)).matches()) {
        answer(exchange, 200, "application/json", tags(m.group(1)), method);
      } else if ((m = BLOB.matcher(path)).matches()) {
        byte[] blob = blobs.get(m.group(2));
        if (blob == null) {
          error(exchange, 404, "BLOB_UNKNOWN", method);
        } else {
          exchange.getResponseHeaders().set("Docker-Content-Digest", m.group(2));
          answer(exchange, 200, "application/octet-stream", blob, method);
        }
      } else {
        error(exchange, 404, "NAME_UNKNOWN", method);
      }
    }
  }

  /** {@code {"name":...,"tags":[...]}}: the repository's tags (its manifests' references that are not digests). */
  private byte[] tags(String repository) {
    String tags = manifests.keySet().stream()
        .filter(key -> key.startsWith(repository + ":") && !key.startsWith(repository + ":sha256:"))
        .map(key -> "\"" + key.substring(repository.length() + 1) + "\"")
        .sorted()
        .collect(java.util.stream.Collectors.joining(","));
    return ("{\"name\":\"" + repository + "\",\"tags\":[" + tags + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private void manifest(HttpExchange exchange, String repository, String reference, String method, byte[] body)
      throws IOException {
    if (method.equals("PUT")) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      Stored stored = new Stored(type, body, Digest.sha256(body));
      manifests.put(repository + ":" + reference, stored);
      manifests.put(repository + ":" + stored.digest(), stored);
      exchange.getResponseHeaders().set("Docker-Content-Digest", stored.digest().toString());
      answer(exchange, 201, null, new byte[0], method);
      return;
    }
    Stored stored = manifests.get(repository + ":" + reference);
    if (stored == null) {
      error(exchange, 404, "MANIFEST_UNKNOWN", method);
      return;
    }
    exchange.getResponseHeaders().set("Docker-Content-Digest", stored.digest().toString());
    answer(exchange, 200, stored.mediaType(), stored.bytes(), method);
  }

  private void upload(HttpExchange exchange, String repository, String session, String method, String query,
      byte[] body) throws IOException {
    String mount = parameter(query, "mount");
    if (method.equals("POST") && mount != null && blobs.containsKey(mount)) {
      exchange.getResponseHeaders().set("Docker-Content-Digest", mount);
      answer(exchange, 201, null, new byte[0], method);
    } else if (method.equals("POST")) {
      exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/uploads/" + UUID.randomUUID());
      answer(exchange, 202, null, new byte[0], method);
    } else if (method.equals("PUT") && !session.isEmpty() && parameter(query, "digest") != null) {
      String digest = parameter(query, "digest");
      if (!Digest.sha256(body).toString().equals(digest)) {
        error(exchange, 400, "DIGEST_INVALID", method);
        return;
      }
      blobs.put(digest, body);
      exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
      answer(exchange, 201, null, new byte[0], method);
    } else {
      error(exchange, 405, "UNSUPPORTED", method);
    }
  }

  private static String parameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void error(HttpExchange exchange, int status, String code, String method) throws IOException {
    byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase(java.util.Locale.ROOT) + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    answer(exchange, status, "application/json", body, method);
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body, String method)
      throws IOException {
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    boolean head = method.equals("HEAD");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
    }
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
