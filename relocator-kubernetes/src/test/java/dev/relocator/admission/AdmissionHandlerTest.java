package dev.relocator.admission;

import static dev.relocator.admission.Reviews.DIGEST;
import static dev.relocator.admission.Reviews.JSON;
import static dev.relocator.admission.Reviews.bytes;
import static dev.relocator.admission.Reviews.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapSpec;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.Reconciler;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionHandlerTest {

  private static final Map<String, Map<String, String>> LABELS =
      Map.of("quiet", Map.of(MappingCatalog.OPT_OUT_LABEL, MappingCatalog.OPT_OUT_VALUE));

  /** A catalog with the given ImageMaps in namespace {@code ns}, each accepted by a real pass. */
  static MappingCatalog catalog(String ns, String... fromTo) {
    MapSpec spec = Maps.spec(fromTo);
    MapState state = new MapState(MapId.namespaced(ns, "m"), 1, Instant.EPOCH, spec, null, null);
    var status = Reconciler.reconcile(List.of(state), n -> Map.of(), Reconciler.RejectedUpdate.KEEP, Instant.EPOCH)
        .get(state.id());
    MapState accepted = state.withStatus(status);
    return MappingCatalog.of(List.of(accepted), n -> LABELS.getOrDefault(n, Map.of()));
  }

  private static final MappingCatalog DEMO = catalog("demo",
      "nginx", "reg.local/mirror/nginx",
      "busybox", "reg.local/mirror/busybox",
      "quay.io/calico/cni", "reg.local/mirror/calico/cni");

  private final AdmissionHandler handler = new AdmissionHandler(() -> DEMO, FailureMode.FAIL);

  private static JsonNode response(AdmissionHandler.Result result) throws IOException {
    assertThat(result.httpStatus()).isEqualTo(200);
    JsonNode review = JSON.readTree(result.body());
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    return review.get("response");
  }

  private static JsonNode patch(JsonNode response) throws IOException {
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    return JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
  }

  @Test
  void realApiServerReviewGetsReplaceAndAnnotationPatch() throws IOException {
    ObjectNode review = Reviews.podCreate();
    AdmissionHandler.Result result = handler.handle(bytes(review));
    JsonNode response = response(result);
    assertThat(response.path("uid").asText()).isEqualTo("7d6d744f-46b8-4f2e-bddf-e72b216dc72c");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    JsonNode ops = patch(response);
    assertThat(ops.toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\","
        + "\"value\":\"reg.local/mirror/nginx:1.25\"},{\"op\":\"add\",\"path\":"
        + "\"/metadata/annotations/relocator.dev~1original-images\",\"value\":\"{\\\"nginx\\\":\\\"nginx:1.25\\\"}\"}]");
    assertThat(response.path("warnings").get(0).asText()).isEqualTo("relocated nginx: nginx:1.25 -> reg.local/mirror/nginx:1.25");
    assertThat(result.outcome()).isEqualTo(Outcome.MUTATED);
    assertThat(result.imagesRewritten()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/admission/pod-create-1.20.json", "/admission/pod-create-1.26.json"})
  void patchAppliesToThePodOfEitherApiServerVersion(String fixture) throws IOException {
    ObjectNode review = Reviews.load(fixture);
    JsonNode pod = request(review).get("object");
    JsonNode patched = JsonPatch.apply(patch(response(handler.handle(bytes(review)))), pod);
    assertThat(patched.at("/spec/containers/0/image").asText()).isEqualTo("reg.local/mirror/nginx:1.25");
    assertThat(patched.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isTrue();
  }

  @Test
  void generateNamePodWithInitContainerAndDigestIsRelocatedFromRequestNamespace() throws IOException {
    ObjectNode review = Reviews.generatedPodCreate();
    JsonNode pod = request(review).get("object");
    JsonNode patched = JsonPatch.apply(patch(response(handler.handle(bytes(review)))), pod);
    assertThat(patched.at("/spec/initContainers/0/image").asText()).isEqualTo("reg.local/mirror/busybox");
    assertThat(patched.at("/spec/containers/0/image").asText()).isEqualTo("reg.local/mirror/nginx:1.25");
    assertThat(patched.at("/spec/containers/1/image").asText())
        .isEqualTo("reg.local/mirror/calico/cni:v3.32.0@" + DIGEST);
    JsonNode originals = JSON.readTree(patched.at("/metadata/annotations").get("relocator.dev/original-images").asText());
    assertThat(originals.path("init").asText()).isEqualTo("busybox");
    assertThat(originals.path("sidecar").asText()).isEqualTo("quay.io/calico/cni:v3.32.0@" + DIGEST);
  }

  @Test
  void secondInvocationOnThePatchedPodChangesNothing() throws IOException {
    ObjectNode review = Reviews.generatedPodCreate();
    JsonNode pod = request(review).get("object");
    JsonNode patched = JsonPatch.apply(patch(response(handler.handle(bytes(review)))), pod);
    request(review).set("object", patched);
    AdmissionHandler.Result again = handler.handle(bytes(review));
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(response(again).has("patch")).isFalse();
  }

  @Test
  void ephemeralContainersObjectOfApiServersBefore122IsRelocatedToo() throws IOException {
    // Until Kubernetes 1.22 the subresource carries an EphemeralContainers object, not a Pod.
    ObjectNode review = Reviews.ephemeralUpdate();
    ObjectNode request = request(review);
    for (String field : List.of("object", "oldObject")) {
      JsonNode pod = request.get(field);
      ObjectNode legacy = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "EphemeralContainers");
      legacy.set("metadata", pod.get("metadata"));
      legacy.set("ephemeralContainers", pod.get("spec").get("ephemeralContainers"));
      request.set(field, legacy);
    }
    request.set("kind", JSON.createObjectNode().put("group", "").put("version", "v1").put("kind", "EphemeralContainers"));
    JsonNode response = response(handler.handle(bytes(review)));
    assertThat(patch(response).toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/ephemeralContainers/1/image\","
        + "\"value\":\"reg.local/mirror/busybox:1.36\"}]");
    JsonNode patched = JsonPatch.apply(patch(response), request.get("object"));
    assertThat(patched.at("/ephemeralContainers/0/image").asText()).isEqualTo("busybox:1.36");
  }

  @Test
  void ephemeralContainerUpdateRelocatesOnlyTheNewContainerWithoutAnnotation() throws IOException {
    ObjectNode review = Reviews.ephemeralUpdate();
    JsonNode ops = patch(response(handler.handle(bytes(review))));
    assertThat(ops.toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/ephemeralContainers/1/image\","
        + "\"value\":\"reg.local/mirror/busybox:1.36\"}]");
  }

  @Test
  void podWithoutMappedImagesGetsNoPatch() throws IOException {
    AdmissionHandler other = new AdmissionHandler(() -> catalog("demo", "redis", "reg.local/redis"), FailureMode.FAIL);
    AdmissionHandler.Result result = other.handle(bytes(Reviews.podCreate()));
    assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
    JsonNode response = response(result);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.has("patchType")).isFalse();
  }

  @Test
  void mapsOfOtherNamespacesDoNotApply() throws IOException {
    ObjectNode review = Reviews.podCreate();
    request(review).put("namespace", "elsewhere");
    assertThat(handler.handle(bytes(review)).outcome()).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void optedOutNamespaceIsSkipped() throws IOException {
    AdmissionHandler quiet = new AdmissionHandler(() -> catalog("quiet", "nginx", "reg.local/nginx"), FailureMode.FAIL);
    ObjectNode review = Reviews.podCreate();
    request(review).put("namespace", "quiet");
    AdmissionHandler.Result result = quiet.handle(bytes(review));
    assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(response(result).has("patch")).isFalse();
  }

  @Test
  void dryRunGetsTheSameAnswerAndIsMarked() throws IOException {
    ObjectNode review = Reviews.podCreate();
    request(review).put("dryRun", true);
    AdmissionHandler.Result dry = handler.handle(bytes(review));
    AdmissionHandler.Result wet = handler.handle(bytes(Reviews.podCreate()));
    assertThat(dry.dryRun()).isTrue();
    assertThat(patch(response(dry))).isEqualTo(patch(response(wet)));
  }

  @Test
  void podUpdateAndOtherResourcesAreSkipped() throws IOException {
    ObjectNode update = Reviews.podCreate();
    request(update).put("operation", "UPDATE");
    assertThat(handler.handle(bytes(update)).outcome()).isEqualTo(Outcome.SKIPPED);
    ObjectNode deployment = Reviews.podCreate();
    ((ObjectNode) request(deployment).get("resource")).put("group", "apps").put("resource", "deployments");
    assertThat(handler.handle(bytes(deployment)).outcome()).isEqualTo(Outcome.SKIPPED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      empty body         | ``                                                                  | request body is empty
      whitespace only    | ` \t `                                                              | request body is empty
      not JSON           | not json                                                            | request body is not JSON: Unrecognized token 'not'
      an array           | []                                                                  | request body is not a JSON object
      v1beta1            | {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1"} | got kind "AdmissionReview", apiVersion "admission.k8s.io/v1beta1"
      no request         | {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}      | AdmissionReview has no request
      empty uid          | {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":""}} | request.uid is missing
      """)
  void malformedEnvelopeIsHttp400WithAReason(String name, String body, String reason) {
    AdmissionHandler.Result result = handler.handle(body.getBytes(StandardCharsets.UTF_8));
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains(reason).endsWith("\n");
  }

  @Test
  void unreadablePodIsDeniedWithReasonUnderFail() throws IOException {
    ObjectNode review = Reviews.podCreate();
    ((ObjectNode) request(review).get("object").get("spec")).put("containers", "nginx");
    JsonNode response = response(handler.handle(bytes(review)));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).contains("request.object.spec.containers: expected a list");
  }

  @Test
  void unreadablePodIsAllowedWithWarningUnderIgnore() throws IOException {
    ObjectNode review = Reviews.podCreate();
    ((ObjectNode) request(review).get("object").get("spec")).put("containers", "nginx");
    JsonNode response = response(new AdmissionHandler(() -> DEMO, FailureMode.IGNORE).handle(bytes(review)));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText()).contains("expected a list");
  }

  @Test
  void invalidImageIsLeftAloneWithWarning() throws IOException {
    ObjectNode review = Reviews.podCreate();
    ((ObjectNode) request(review).get("object").at("/spec/containers/0")).put("image", "NGINX:1.25");
    JsonNode response = response(handler.handle(bytes(review)));
    assertThat(response.has("patch")).isFalse();
    assertThat(response.path("warnings").get(0).asText()).startsWith("not relocated nginx:");
  }

  @Test
  void existingOriginalsAnnotationKeepsTheFirstOriginal() throws IOException {
    ObjectNode review = Reviews.podCreate();
    ((ObjectNode) request(review).get("object").at("/metadata/annotations"))
        .put("relocator.dev/original-images", "{\"nginx\":\"nginx:1.24\"}");
    JsonNode ops = patch(response(handler.handle(bytes(review))));
    assertThat(ops.get(1).path("op").asText()).isEqualTo("replace");
    assertThat(ops.get(1).path("value").asText()).isEqualTo("{\"nginx\":\"nginx:1.24\"}");
  }

  @Test
  void jsonPointerTokensEscapeTildeAndSlash() {
    assertThat(JsonPatches.escape("a/b~c")).isEqualTo("a~1b~0c");
  }
}
