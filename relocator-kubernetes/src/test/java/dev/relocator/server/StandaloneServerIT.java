package dev.relocator.server;

import static dev.relocator.admission.Reviews.DIGEST;
import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.bytes;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.admission.Reviews;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS in standalone mode, fed by a directory of ImageMap files. */
class StandaloneServerIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path maps;
  private RelocatorServer server;
  private Https https;

  @BeforeEach
  void start() throws IOException {
    write("demo.yaml", """
        apiVersion: relocator.dev/v1alpha1
        kind: ImageMap
        metadata:
          name: mirror
          namespace: demo
        spec:
          map:
          - from: nginx
            to: reg.local/mirror/nginx
          - from: busybox
            to: reg.local/mirror/busybox
          - from: quay.io/calico/cni
            to: reg.local/mirror/calico/cni
        """);
    server = RelocatorServer.start(ServerOptions.defaults()
        .withBind("127.0.0.1", 0)
        .withMapsDir(maps)
        .withEventLoops(2));
    https = new Https(server.certificatePem(), server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void write(String name, String text) throws IOException {
    Path tmp = maps.resolve("." + name + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, maps.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private JsonNode review(ObjectNode review) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = https.post("/mutate", bytes(review));
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("response");
  }

  private JsonNode patched(ObjectNode review) throws IOException, InterruptedException {
    JsonNode response = review(review);
    JsonNode pod = request(review).get("object");
    if (!response.has("patch")) {
      return pod;
    }
    return JsonPatch.apply(JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText())), pod);
  }

  @Test
  void realApiServerReviewIsRelocatedOverHttps() throws Exception {
    JsonNode response = review(Reviews.podCreate());
    assertThat(response.path("uid").asText()).isEqualTo("7d6d744f-46b8-4f2e-bddf-e72b216dc72c");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText()).contains("reg.local/mirror/nginx:1.25");
    assertThat(patched(Reviews.podCreate()).at("/spec/containers/0/image").asText())
        .isEqualTo("reg.local/mirror/nginx:1.25");
  }

  @Test
  void generateNamePodsInitContainersDigestsAndShortNamesAreRelocated() throws Exception {
    JsonNode pod = patched(Reviews.generatedPodCreate());
    assertThat(pod.at("/spec/initContainers/0/image").asText()).isEqualTo("reg.local/mirror/busybox");
    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("reg.local/mirror/nginx:1.25");
    assertThat(pod.at("/spec/containers/1/image").asText()).isEqualTo("reg.local/mirror/calico/cni:v3.32.0@" + DIGEST);
  }

  @Test
  void ephemeralContainerUpdateIsRelocated() throws Exception {
    JsonNode pod = patched(Reviews.ephemeralUpdate());
    assertThat(pod.at("/spec/ephemeralContainers/0/image").asText()).isEqualTo("busybox:1.36");
    assertThat(pod.at("/spec/ephemeralContainers/1/image").asText()).isEqualTo("reg.local/mirror/busybox:1.36");
  }

  @Test
  void dryRunIsAnsweredButNotCountedAsRewritten() throws Exception {
    ObjectNode dry = Reviews.podCreate();
    request(dry).put("dryRun", true);
    assertThat(review(dry).has("patch")).isTrue();
    String metrics = https.get("/metrics").body();
    assertThat(metrics).contains("relocator_admission_requests_total{outcome=\"mutated\"} 1.0");
    assertThat(metrics).contains("relocator_admission_images_rewritten_total 0.0");
    review(Reviews.podCreate());
    assertThat(https.get("/metrics").body()).contains("relocator_admission_images_rewritten_total 1.0");
  }

  @Test
  void malformedBodiesGetHttp400() throws Exception {
    for (String body : new String[] {"", "{", "{\"kind\":\"Pod\"}", "[1,2]"}) {
      HttpResponse<byte[]> r = https.post("/mutate", body.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(body).isEqualTo(400);
    }
    assertThat(https.get("/metrics").body()).contains("relocator_admission_requests_total{outcome=\"malformed\"} 4.0");
  }

  @Test
  void oversizedBodyIs413AndGetOnMutateIs405() throws Exception {
    byte[] huge = new byte[RelocatorServer.MAX_BODY + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(https.post("/mutate", huge).statusCode()).isEqualTo(413);
    assertThat(https.get("/mutate").statusCode()).isEqualTo(405);
    assertThat(review(Reviews.podCreate()).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void healthReadinessMetricsAndMapsAreServed() throws Exception {
    assertThat(https.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(https.get("/readyz").statusCode()).isEqualTo(200);
    String metrics = https.get("/metrics").body();
    assertThat(metrics).contains("relocator_admission_latency_seconds_bucket", "relocator_imagemaps{state=\"accepted\"} 1.0");
    JsonNode report = JSON.readTree(https.get("/maps").body());
    assertThat(report.at("/maps/0/name").asText()).isEqualTo("mirror");
    assertThat(report.at("/maps/0/reason").asText()).isEqualTo("Accepted");
    assertThat(https.get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void changedMapFileIsAppliedAndConflictsAreReported() throws Exception {
    write("demo.yaml", """
        apiVersion: relocator.dev/v1alpha1
        kind: ImageMap
        metadata: {name: mirror, namespace: demo}
        spec:
          map:
          - {from: nginx, to: reg.local/v2/nginx}
        """);
    await("new mapping applied").atMost(WAIT).ignoreExceptions().until(() -> {
      try {
        return patched(Reviews.podCreate()).at("/spec/containers/0/image").asText().equals("reg.local/v2/nginx:1.25");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    write("other.yaml", """
        apiVersion: relocator.dev/v1alpha1
        kind: ImageMap
        metadata: {name: rival, namespace: demo}
        spec:
          map:
          - {from: docker.io/library/nginx, to: reg.local/rival/nginx}
        """);
    JsonNode rival = await("rival reported").atMost(WAIT).ignoreExceptions().until(() -> {
      try {
        for (JsonNode m : JSON.readTree(https.get("/maps").body()).get("maps")) {
          if (m.path("name").asText().equals("rival") && m.has("reason")) {
            return m;
          }
        }
        return null;
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, Objects::nonNull);
    assertThat(rival.path("reason").asText()).isEqualTo("Conflict");
    assertThat(rival.path("message").asText()).contains("ImageMap demo/mirror");
    assertThat(patched(Reviews.podCreate()).at("/spec/containers/0/image").asText()).isEqualTo("reg.local/v2/nginx:1.25");
  }

  @Test
  void unreadableFileIsReportedAndTheRestStillServed() throws Exception {
    write("broken.yaml", "kind: ImageMap\n  bad: [indent\n");
    await("problem reported").atMost(WAIT).ignoreExceptions().until(() -> {
      try {
        return JSON.readTree(https.get("/maps").body()).get("problems").toString().contains("broken.yaml");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(patched(Reviews.podCreate()).at("/spec/containers/0/image").asText()).isEqualTo("reg.local/mirror/nginx:1.25");
  }

  @Test
  void clusterRulesAndOptedOutNamespacesFromFiles() throws Exception {
    write("cluster.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: quiet, labels: {relocator.dev/relocation: disabled}}
        ---
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImageMap
        metadata: {name: everything}
        spec:
          map: []
          rules:
          - overwriteRegistry: reg.local:5000/all
            exclude: [reg.local:5000, reg.local]
        """);
    ObjectNode elsewhere = Reviews.podCreate();
    request(elsewhere).put("namespace", "elsewhere");
    await("cluster rules applied").atMost(WAIT).ignoreExceptions().until(() -> {
      try {
        return patched(elsewhere).at("/spec/containers/0/image").asText().equals("reg.local:5000/all/library/nginx:1.25");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    // demo's own exact entry still wins over the cluster rules
    assertThat(patched(Reviews.podCreate()).at("/spec/containers/0/image").asText()).isEqualTo("reg.local/mirror/nginx:1.25");
    ObjectNode quiet = Reviews.podCreate();
    request(quiet).put("namespace", "quiet");
    assertThat(review(quiet).has("patch")).isFalse();
  }
}
