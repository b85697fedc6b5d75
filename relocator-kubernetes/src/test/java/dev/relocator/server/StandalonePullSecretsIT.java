package dev.relocator.server;

import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.admission.Reviews;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull secrets of ImageMaps over real HTTPS in standalone mode, through a reinvocation. */
class StandalonePullSecretsIT {

  @TempDir Path maps;
  private StandaloneServer server;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(maps.resolve("maps.yaml"), """
        apiVersion: relocator.dev/v1alpha1
        kind: ImageMap
        metadata: {name: mirror, namespace: demo}
        spec:
          imagePullSecrets: [{name: mirror-pull}]
          map:
          - {from: nginx, to: reg.local/mirror/nginx}
        ---
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImageMap
        metadata: {name: base}
        spec:
          imagePullSecrets: [{name: base-pull}, {name: mirror-pull}]
          map:
          - {from: busybox, to: reg.local/base/busybox}
        """);
    server = StandaloneServer.start(maps);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void secretsAreAddedOnceWithExactOperationsAndAReinvocationAddsNothing() throws Exception {
    ObjectNode review = Reviews.generatedPodCreate();
    ((ObjectNode) request(review).at("/object/spec")).putArray("imagePullSecrets")
        .add(JSON.createObjectNode().put("name", "from-service-account"));
    JsonNode first = server.review(review);
    JsonNode ops = JSON.readTree(Base64.getDecoder().decode(first.path("patch").asText()));
    assertThat(ops.toString()).contains(
        "{\"op\":\"add\",\"path\":\"/spec/imagePullSecrets/-\",\"value\":{\"name\":\"base-pull\"}},"
            + "{\"op\":\"add\",\"path\":\"/spec/imagePullSecrets/-\",\"value\":{\"name\":\"mirror-pull\"}}");
    JsonNode pod = JsonPatch.apply(ops, request(review).get("object"));
    assertThat(pod.at("/spec/imagePullSecrets").toString()).isEqualTo(
        "[{\"name\":\"from-service-account\"},{\"name\":\"base-pull\"},{\"name\":\"mirror-pull\"}]");
    // The API server reinvokes the webhook with the patched pod: nothing more to add or relocate.
    request(review).set("object", pod);
    JsonNode again = server.review(review);
    assertThat(again.path("allowed").asBoolean()).isTrue();
    assertThat(again.has("patch")).isFalse();
  }

  @Test
  void aPodNoMapWithSecretsRelocatesGetsNone() throws Exception {
    ObjectNode review = Reviews.podCreate();
    request(review).put("namespace", "elsewhere");
    JsonNode response = server.review(review);
    assertThat(response.has("patch")).isFalse();
  }
}
