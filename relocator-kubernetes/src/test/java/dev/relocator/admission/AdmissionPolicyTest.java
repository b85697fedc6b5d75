package dev.relocator.admission;

import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.bytes;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.Decision;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy decision inside the admission answer: after relocation, warn or refuse. */
class AdmissionPolicyTest {

  private static final MappingCatalog DEMO = AdmissionHandlerTest.catalog("demo", "nginx", "reg.local/mirror/nginx");

  private static PolicySet policies(PolicyMode mode) {
    return new PolicySet(List.of(new Policy(PolicyId.cluster("mirror-only"),
        AllowedPrefixes.parse("spec.allowed", List.of("reg.local/mirror")), mode, null,
        ImageGlobs.parse("spec.exemptImages", List.of("quay.io/calico/**")))), ns -> Map.of());
  }

  private static JsonNode response(AdmissionHandler.Result r) throws IOException {
    return JSON.readTree(r.body()).get("response");
  }

  @Test
  void warnModeAdmitsAndRelocatesWithOneWarningPerUnmappedImage() throws IOException {
    AdmissionHandler handler = new AdmissionHandler(() -> DEMO, () -> policies(PolicyMode.WARN), FailureMode.FAIL);
    AdmissionHandler.Result r = handler.handle(bytes(Reviews.generatedPodCreate()));
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(r.outcome()).isEqualTo(Outcome.MUTATED);
    assertThat(r.decision().outcome()).isEqualTo(Decision.Outcome.WARNED);
    assertThat(r.namespace()).isEqualTo("demo");
    // busybox (init) is unmapped; nginx is relocated into the mirror; calico is exempt.
    assertThat(response.path("warnings").get(0).asText()).isEqualTo("image busybox is not under a prefix"
        + " ClusterImagePolicy mirror-only allows and no ImageMap relocates it; an ImageMap entry {from: busybox,"
        + " to: reg.local/mirror/library/busybox} would relocate it");
    assertThat(response.path("warnings")).hasSize(2);
  }

  @Test
  void denyModeRefusesWithTheApiServersStatusAndNoPatch() throws IOException {
    AdmissionHandler handler = new AdmissionHandler(() -> DEMO, () -> policies(PolicyMode.DENY), FailureMode.FAIL);
    AdmissionHandler.Result r = handler.handle(bytes(Reviews.generatedPodCreate()));
    JsonNode response = response(r);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText()).isEqualTo("relocator: ClusterImagePolicy"
        + " mirror-only denies 1 image: initContainer \"init\" image busybox: an ImageMap entry {from: busybox,"
        + " to: reg.local/mirror/library/busybox} would relocate it");
    assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void dryRunGetsTheSameAnswerAndSaysSo() throws IOException {
    AdmissionHandler handler = new AdmissionHandler(() -> DEMO, () -> policies(PolicyMode.DENY), FailureMode.FAIL);
    ObjectNode review = Reviews.generatedPodCreate();
    request(review).put("dryRun", true);
    AdmissionHandler.Result r = handler.handle(bytes(review));
    assertThat(response(r).path("allowed").asBoolean()).isFalse();
    assertThat(r.dryRun()).isTrue();
  }

  @Test
  void aNamespaceOptedOutOfRelocationIsStillCheckedWithItsImagesAsSubmitted() throws IOException {
    AdmissionHandler handler = new AdmissionHandler(() -> DEMO, () -> policies(PolicyMode.DENY), FailureMode.FAIL);
    ObjectNode review = Reviews.podCreate();
    request(review).put("namespace", "quiet");
    AdmissionHandler.Result r = handler.handle(bytes(review));
    assertThat(response(r).path("status").path("message").asText())
        .startsWith("relocator: ClusterImagePolicy mirror-only denies 1 image: container \"nginx\" image nginx:1.25");
  }

  @Test
  void ephemeralContainersAddedLaterAreChecked() throws IOException {
    AdmissionHandler handler = new AdmissionHandler(() -> DEMO, () -> policies(PolicyMode.DENY), FailureMode.FAIL);
    AdmissionHandler.Result r = handler.handle(bytes(Reviews.ephemeralUpdate()));
    assertThat(response(r).path("status").path("message").asText())
        .contains("ephemeralContainer \"debugger\" image busybox:1.36");
  }
}
