package dev.relocator.server;

import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.admission.Reviews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image policies over real HTTPS in standalone mode: a ClusterImagePolicy and ImagePolicies in the
 * maps directory, checked after relocation, in warn and deny mode, with exemptions, for init and
 * ephemeral containers, and one tenant's policy never reaching another's pods.
 */
class StandalonePolicyIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String MAPS = """
      apiVersion: relocator.dev/v1alpha1
      kind: ImageMap
      metadata: {name: mirror, namespace: demo}
      spec:
        map:
        - {from: nginx, to: reg.local/mirror/nginx}
      ---
      apiVersion: relocator.dev/v1alpha1
      kind: ImageMap
      metadata: {name: mirror, namespace: team-b}
      spec:
        map:
        - {from: nginx, to: reg.local/mirror/nginx}
      """;

  @TempDir Path maps;
  private StandaloneServer server;
  private Https https;

  @BeforeEach
  void start() throws IOException {
    write("maps.yaml", MAPS);
    write("policy.yaml", policy("warn"));
    server = StandaloneServer.start(maps);
    https = server.https();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String policy(String mode) {
    return """
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImagePolicy
        metadata: {name: mirror-only}
        spec:
          mode: %s
          allowed: [reg.local/mirror]
          exemptImages: ["quay.io/calico/**"]
        """.formatted(mode);
  }

  private void write(String name, String text) throws IOException {
    Path tmp = maps.resolve("." + name + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, maps.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private JsonNode review(ObjectNode review) throws IOException, InterruptedException {
    return server.review(review);
  }

  private JsonNode awaitResponse(ObjectNode review, java.util.function.Predicate<JsonNode> until) {
    return await().atMost(WAIT).ignoreExceptions().until(() -> review(review), until);
  }

  @Test
  void warnModeAdmitsWithAWarningPerUnmappedImageAndExemptionsHold() throws Exception {
    // init container busybox is unmapped; nginx is relocated into the mirror; calico is exempt
    JsonNode response = review(Reviews.generatedPodCreate());
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isTrue();
    assertThat(response.path("warnings").get(0).asText()).isEqualTo("image busybox is not under a prefix"
        + " ClusterImagePolicy mirror-only allows and no ImageMap relocates it; an ImageMap entry {from: busybox,"
        + " to: reg.local/mirror/library/busybox} would relocate it");
    assertThat(response.path("warnings").toString()).doesNotContain("calico\" is not");
    assertThat(https.get("/metrics").body())
        .contains("relocator_policy_decisions_total{namespace=\"demo\",outcome=\"warned\"} 1.0");
  }

  @Test
  void denyModeRefusesListingEveryOffenderAndDryRunsAreNotCounted() throws Exception {
    write("policy.yaml", policy("deny"));
    ObjectNode pod = Reviews.generatedPodCreate();
    ((ObjectNode) pod.at("/request/object/spec")).putArray("ephemeralContainers")
        .addObject().put("name", "debug").put("image", "alpine:3");
    JsonNode refused = awaitResponse(pod, r -> !r.path("allowed").asBoolean());
    assertThat(refused.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(refused.path("status").path("message").asText()).isEqualTo("relocator: ClusterImagePolicy mirror-only"
        + " denies 2 images: initContainer \"init\" image busybox: an ImageMap entry {from: busybox, to:"
        + " reg.local/mirror/library/busybox} would relocate it; ephemeralContainer \"debug\" image alpine:3: an"
        + " ImageMap entry {from: alpine, to: reg.local/mirror/library/alpine} would relocate it");
    ObjectNode dry = Reviews.generatedPodCreate();
    request(dry).put("dryRun", true);
    assertThat(review(dry).path("allowed").asBoolean()).isFalse();
    String metrics = https.get("/metrics").body();
    assertThat(metrics).contains("relocator_policy_decisions_total{namespace=\"demo\",outcome=\"denied\"} 1.0");
    assertThat(metrics).contains("relocator_admission_requests_total{outcome=\"refused\"} 2.0");
    // a pod whose every image is relocated into the mirror is admitted
    assertThat(review(Reviews.podCreate()).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void ephemeralContainersAddedToARunningPodAreChecked() throws Exception {
    write("policy.yaml", policy("deny"));
    JsonNode refused = awaitResponse(Reviews.ephemeralUpdate(), r -> !r.path("allowed").asBoolean());
    assertThat(refused.path("status").path("message").asText())
        .contains("ephemeralContainer \"debugger\" image busybox:1.36").doesNotContain("old-debug");
  }

  @Test
  void aTenantPolicyNarrowsItsOwnNamespaceOnly() throws Exception {
    write("tenant.yaml", """
        apiVersion: relocator.dev/v1alpha1
        kind: ImagePolicy
        metadata: {name: strict, namespace: demo}
        spec:
          mode: deny
          allowed: [reg.local/mirror/team-a]
          exemptImages: [docker.io/library/nginx]
        """);
    // demo's nginx is relocated to reg.local/mirror/nginx: allowed by the cluster, not by demo's policy
    JsonNode demo = awaitResponse(Reviews.podCreate(), r -> !r.path("allowed").asBoolean());
    assertThat(demo.path("status").path("message").asText())
        .startsWith("relocator: ImagePolicy demo/strict denies 1 image: container \"nginx\" image reg.local/mirror/nginx:1.25");
    // the same pod in team-b is untouched by demo's policy
    ObjectNode teamB = Reviews.podCreate();
    request(teamB).put("namespace", "team-b");
    JsonNode other = review(teamB);
    assertThat(other.path("allowed").asBoolean()).isTrue();
    assertThat(other.path("warnings").toString()).doesNotContain("ImagePolicy");
    // demo's exemption of nginx does not widen the cluster policy: unrelocated nginx still warns there
    write("maps.yaml", "");
    JsonNode unmapped = awaitResponse(teamB, r -> !r.has("patch"));
    assertThat(unmapped.path("warnings").get(0).asText()).startsWith("image nginx:1.25 is not under a prefix ClusterImagePolicy");
  }

  @Test
  void anInvalidPolicyIsReportedAndNotEnforced() throws Exception {
    write("policy.yaml", """
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImagePolicy
        metadata: {name: broken}
        spec:
          mode: deny
          allowed: [mirror]
        """);
    await().atMost(WAIT).ignoreExceptions().until(() -> JSON.readTree(https.get("/maps").body()).get("problems")
        .toString().contains("ClusterImagePolicy broken: spec.allowed[0]: \\\"mirror\\\" does not start with a registry host"));
    assertThat(review(Reviews.generatedPodCreate()).path("allowed").asBoolean()).isTrue();
  }
}
