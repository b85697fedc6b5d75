package dev.relocator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.relocator.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal mutating admission webhook for tests: an HTTPS server on loopback, serving a
 * certificate from the test CA, that answers AdmissionReview v1 requests for pods with a JSON
 * patch replacing the images found in {@code images}.
 */
final class ImagePatchingWebhook implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpsServer server;
  private final ExecutorService executor;
  private final Map<String, String> images;
  private final List<String> reviewedPods = new CopyOnWriteArrayList<>();

  private ImagePatchingWebhook(HttpsServer server, ExecutorService executor, Map<String, String> images) {
    this.server = server;
    this.executor = executor;
    this.images = Map.copyOf(images);
  }

  static ImagePatchingWebhook start(TestPki pki, Map<String, String> images) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(pki.issueLoopbackServer("webhook").servingContext()));
    ExecutorService executor =
        Executors.newFixedThreadPool(2, r -> new Thread(r, "test-webhook-" + THREADS.incrementAndGet()));
    ImagePatchingWebhook webhook = new ImagePatchingWebhook(server, executor, images);
    server.createContext("/mutate", webhook::handle);
    server.setExecutor(executor);
    server.start();
    return webhook;
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/mutate";
  }

  /** {@code namespace/name} of every pod reviewed, in order. */
  List<String> reviewedPods() {
    return List.copyOf(reviewedPods);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      JsonNode request = JSON.readTree(body).path("request");
      JsonNode pod = request.path("object");
      reviewedPods.add(request.path("namespace").asText() + "/" + pod.path("metadata").path("name").asText());
      ArrayNode patch = JSON.createArrayNode();
      for (String list : List.of("initContainers", "containers")) {
        JsonNode containers = pod.path("spec").path(list);
        for (int i = 0; i < containers.size(); i++) {
          String relocated = images.get(containers.get(i).path("image").asText());
          if (relocated != null) {
            patch.addObject().put("op", "replace").put("path", "/spec/" + list + "/" + i + "/image").put("value", relocated);
          }
        }
      }
      ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
      ObjectNode response = review.putObject("response").put("uid", request.path("uid").asText()).put("allowed", true);
      if (!patch.isEmpty()) {
        response.put("patchType", "JSONPatch").put("patch", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(patch)));
      }
      byte[] answer = JSON.writeValueAsString(review).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
