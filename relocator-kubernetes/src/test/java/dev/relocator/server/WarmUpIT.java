package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.testing.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up over real HTTPS: not ready while it runs, ready after it, and its own
 * reviews are not counted in the metrics.
 */
class WarmUpIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path maps;

  @Test
  void theServerIsNotReadyWhileItWarmsUpAndCountsNoneOfItsReviews() throws Exception {
    Files.writeString(maps.resolve("platform.yaml"), """
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImageMap
        metadata:
          name: platform
        spec:
          map:
          - from: nginx
            to: reg.local/mirror/nginx
        """);
    try (RelocatorServer server = RelocatorServer.start(ServerOptions.defaults()
        .withBind("127.0.0.1", 0).withMapsDir(maps).withEventLoops(1).withWarmUp(Duration.ofSeconds(3)))) {
      Https https = new Https(server.certificatePem(), server.port());
      // Set before start returns: the budget cannot have passed yet.
      assertThat(server.ready()).isFalse();

      await("warm-up over").atMost(WAIT).until(server::ready);
      assertThat(https.get("/readyz").statusCode()).isEqualTo(200);
      WarmUp.Report report = server.warmUpReport().orElseThrow();
      assertThat(report.reviews()).isPositive();
      assertThat(report.failures()).isZero();
      // Not one of the warm-up's reviews is in the metrics.
      List<String> counted = https.get("/metrics").body().lines()
          .filter(l -> l.startsWith("relocator_admission_requests_total") || l.startsWith("relocator_admission_latency_seconds_count"))
          .toList();
      assertThat(counted).isNotEmpty().allSatisfy(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).isZero());
    }
  }

  /**
   * A server stopped while it warms up (a pod deleted as it starts) closes the warm-up's clients
   * under it: the warm-up ends there, rather than sending on a closed client and leaving Vert.x
   * an exception to log as unhandled on every connection.
   */
  @Test
  void aWarmUpCutShortByItsServerClosingEndsWithoutUnhandledExceptions(@TempDir Path certs) throws Exception {
    Path[] pem = TestPki.selfSigned("127.0.0.1").write(certs, "tls");
    Vertx vertx = Vertx.vertx();
    List<Throwable> unhandled = new CopyOnWriteArrayList<>();
    vertx.exceptionHandler(unhandled::add);
    AtomicInteger answered = new AtomicInteger();
    HttpServer https = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem[0].toString()).setKeyPath(pem[1].toString())))
        .requestHandler(request -> {
          answered.incrementAndGet();
          request.response().end("{}");
        });
    int port = https.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        .actualPort();

    new WarmUp().run(vertx, "127.0.0.1", port, Duration.ofMinutes(1), TlsEngine.JDK);
    await("warm-up under way").atMost(WAIT).until(() -> answered.get() >= 2 * WarmUp.CONNECTIONS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(unhandled).isEmpty();
  }

  @Test
  void theSampleIsADryRunOfAPodTheHandlerRelocates() throws Exception {
    var catalog = WarmUp.catalog();
    var handler = new dev.relocator.admission.AdmissionHandler(() -> catalog, dev.relocator.admission.FailureMode.FAIL);
    var result = handler.handle(WarmUp.sampleReview());
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.dryRun()).isTrue();
    // The init container and both containers relocated: the patch path is what the warm-up compiles.
    assertThat(result.outcome()).isEqualTo(dev.relocator.admission.Outcome.MUTATED);
    assertThat(result.imagesRewritten()).isEqualTo(3);
    assertThat(result.namespace()).isEqualTo(WarmUp.NAMESPACE);
  }

  @Test
  void underTheWarmUpsOwnPoliciesTheSampleIsStillRelocatedWithoutPolicyWarnings() throws Exception {
    var catalog = WarmUp.catalog();
    var policies = WarmUp.policies();
    var handler = new dev.relocator.admission.AdmissionHandler(() -> catalog, () -> policies,
        dev.relocator.admission.FailureMode.FAIL);
    var result = handler.handle(WarmUp.sampleReview());
    // Policies are checked (that code is compiled too), and they allow what the sample becomes.
    assertThat(result.outcome()).isEqualTo(dev.relocator.admission.Outcome.MUTATED);
    assertThat(result.imagesRewritten()).isEqualTo(3);
    var warnings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.body()).path("response")
        .path("warnings");
    assertThat(warnings).hasSize(3).allSatisfy(w -> assertThat(w.asText()).startsWith("relocated "));
  }

  /** Every kind of JSON value a real review holds is in the sample, so the parser meets each. */
  @Test
  void theSampleHoldsEveryKindOfValueAnApiServerSends() throws Exception {
    var kinds = new java.util.HashSet<com.fasterxml.jackson.databind.node.JsonNodeType>();
    var pending = new java.util.ArrayDeque<com.fasterxml.jackson.databind.JsonNode>();
    pending.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(WarmUp.sampleReview()));
    while (!pending.isEmpty()) {
      var node = pending.poll();
      kinds.add(node.getNodeType());
      node.forEach(pending::add);
    }
    assertThat(kinds).contains(com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT,
        com.fasterxml.jackson.databind.node.JsonNodeType.ARRAY, com.fasterxml.jackson.databind.node.JsonNodeType.STRING,
        com.fasterxml.jackson.databind.node.JsonNodeType.NUMBER, com.fasterxml.jackson.databind.node.JsonNodeType.BOOLEAN,
        com.fasterxml.jackson.databind.node.JsonNodeType.NULL);
  }
}
