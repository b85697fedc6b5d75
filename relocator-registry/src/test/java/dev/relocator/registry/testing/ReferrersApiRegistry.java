package dev.relocator.registry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory registry with the OCI 1.1 referrers API, which Debian's docker-registry 2.8
 * lacks: manifests (by tag and digest), blobs (monolithic uploads), the tag list, and
 * {@code GET /v2/<name>/referrers/<digest>} built from the {@code subject} of the manifests
 * pushed; a manifest push with a subject is answered with {@code OCI-Subject}, as the spec says.
 * Only what the referrers tests need; plain HTTP on a loopback port; one repository namespace.
 */
public final class ReferrersApiRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Document> manifests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger uploads = new AtomicInteger();

  private ReferrersApiRegistry(HttpServer server) {
    this.server = server;
  }

  public static ReferrersApiRegistry start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ReferrersApiRegistry registry = new ReferrersApiRegistry(server);
      server.createContext("/", registry::handle);
      server.start();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code METHOD PATH} of every request, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Stores {@code document} as manifest {@code reference} of {@code repository} (and by its digest). */
  public void putManifest(String repository, String reference, Document document) {
    manifests.put(repository + "@" + document.digest(), document);
    if (!reference.startsWith("sha256:")) {
      manifests.put(repository + ":" + reference, document);
    }
  }

  public void putBlob(Document blob) {
    blobs.put(blob.digest(), blob.bytes());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(method + " " + path);
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.equals("/v2/")) {
        reply(exchange, 200, "application/json", "{}".getBytes());
        return;
      }
      int kind = Math.max(Math.max(path.lastIndexOf("/manifests/"), path.lastIndexOf("/blobs/")),
          Math.max(path.lastIndexOf("/referrers/"), path.lastIndexOf("/tags/list")));
      String repository = path.substring("/v2/".length(), kind);
      String rest = path.substring(kind + 1);
      if (rest.startsWith("manifests/")) {
        manifest(exchange, method, repository, rest.substring("manifests/".length()), body);
      } else if (rest.startsWith("referrers/")) {
        referrers(exchange, repository, rest.substring("referrers/".length()));
      } else if (rest.equals("tags/list")) {
        List<String> tags = manifests.keySet().stream().filter(k -> k.startsWith(repository + ":"))
            .map(k -> "\"" + k.substring(repository.length() + 1) + "\"").sorted().toList();
        reply(exchange, 200, "application/json",
            ("{\"name\":\"" + repository + "\",\"tags\":[" + String.join(",", tags) + "]}").getBytes());
      } else if (rest.equals("blobs/uploads/") && method.equals("POST")) {
        exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + uploads.incrementAndGet());
        reply(exchange, 202, null, new byte[0]);
      } else if (rest.startsWith("blobs/uploads/") && method.equals("PUT")) {
        String digest = query.replaceAll(".*digest=([^&]+).*", "$1").replace("%3A", ":");
        blobs.put(digest, body);
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        reply(exchange, 201, null, new byte[0]);
      } else if (rest.startsWith("blobs/")) {
        byte[] blob = blobs.get(rest.substring("blobs/".length()));
        if (blob == null) {
          reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}".getBytes());
        } else {
          reply(exchange, 200, "application/octet-stream", method.equals("HEAD") ? null : blob, blob.length);
        }
      } else {
        reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}".getBytes());
      }
    }
  }

  private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
      throws IOException {
    String key = repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    if (method.equals("PUT")) {
      Document document = new Document(exchange.getRequestHeaders().getFirst("Content-Type"), body);
      putManifest(repository, reference, document);
      JsonNode subject = JSON.readTree(body).path("subject");
      if (!subject.isMissingNode()) {
        exchange.getResponseHeaders().add("OCI-Subject", subject.path("digest").asText());
      }
      exchange.getResponseHeaders().add("Docker-Content-Digest", document.digest());
      reply(exchange, 201, null, new byte[0]);
      return;
    }
    Document document = manifests.get(key);
    if (document == null) {
      reply(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes());
      return;
    }
    exchange.getResponseHeaders().add("Docker-Content-Digest", document.digest());
    reply(exchange, 200, document.mediaType(), method.equals("HEAD") ? null : document.bytes(), document.size());
  }

  private void referrers(HttpExchange exchange, String repository, String digest) throws IOException {
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, Document> stored : manifests.entrySet()) {
      if (!stored.getKey().startsWith(repository + "@")) {
        continue;
      }
      JsonNode manifest = JSON.readTree(stored.getValue().bytes());
      if (digest.equals(manifest.path("subject").path("digest").asText())) {
        String type = manifest.path("artifactType").asText(manifest.path("config").path("mediaType").asText());
        entries.add(stored.getValue().descriptor(",\"artifactType\":\"" + type + "\""));
      }
    }
    reply(exchange, 200, OciImageBuilder.INDEX, ("{\"schemaVersion\":2,\"mediaType\":\"" + OciImageBuilder.INDEX
        + "\",\"manifests\":[" + String.join(",", entries) + "]}").getBytes());
  }

  private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    reply(exchange, status, type, body, body.length);
  }

  /** {@code body} null: a HEAD answer announcing {@code length}. */
  private static void reply(HttpExchange exchange, int status, String type, byte[] body, long length) throws IOException {
    if (type != null) {
      exchange.getResponseHeaders().add("Content-Type", type);
    }
    if (body == null) {
      exchange.getResponseHeaders().add("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
