package dev.relocator.admission;

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
import dev.relocator.policy.PolicySet;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pull secrets of the maps that relocate a pod's images, added with exact operations, once. */
class PullSecretsTest {

  /** demo's map relocates nginx with secret "mirror-pull"; a cluster map relocates busybox with two. */
  static MappingCatalog catalog() {
    MapState own = new MapState(MapId.namespaced("demo", "mirror"), 1, Instant.EPOCH,
        Maps.spec("nginx", "reg.local/mirror/nginx").withPullSecrets(List.of("mirror-pull")), null, null);
    MapState cluster = new MapState(MapId.cluster("base"), 1, Instant.EPOCH.plusSeconds(1),
        Maps.spec("busybox", "reg.local/base/busybox").withPullSecrets(List.of("base-pull", "mirror-pull")), null, null);
    MapState plain = new MapState(MapId.cluster("plain"), 1, Instant.EPOCH.plusSeconds(2),
        Maps.spec("quay.io/calico/cni", "reg.local/plain/calico/cni"), null, null);
    List<MapState> states = new ArrayList<>(List.of(own, cluster, plain));
    var changed = Reconciler.reconcile(states, ns -> Map.of(), Reconciler.RejectedUpdate.KEEP, Instant.EPOCH);
    states.replaceAll(m -> m.withStatus(changed.get(m.id())));
    return MappingCatalog.of(states, ns -> Map.of());
  }

  private final MappingCatalog catalog = catalog();

  private AdmissionHandler handler(SecretLookup lookup) {
    return new AdmissionHandler(() -> catalog, () -> PolicySet.EMPTY, lookup, FailureMode.FAIL);
  }

  private static JsonNode response(AdmissionHandler.Result r) throws IOException {
    return JSON.readTree(r.body()).get("response");
  }

  private static JsonNode ops(JsonNode response) throws IOException {
    return JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
  }

  @Test
  void aPodWithoutPullSecretsGetsTheListOfTheMapsThatRelocatedIt() throws IOException {
    JsonNode response = response(handler(SecretLookup.UNKNOWN).handle(bytes(Reviews.generatedPodCreate())));
    JsonNode ops = ops(response);
    // busybox (init) by the cluster map, nginx by demo's; calico's map names none
    assertThat(ops.get(ops.size() - 1).toString()).isEqualTo(
        "{\"op\":\"add\",\"path\":\"/spec/imagePullSecrets\",\"value\":[{\"name\":\"base-pull\"},{\"name\":\"mirror-pull\"}]}");
    assertThat(ops.toString()).containsOnlyOnce("imagePullSecrets");
  }

  @Test
  void existingSecretsAreKeptAndOnlyMissingNamesAppended() throws IOException {
    ObjectNode review = Reviews.generatedPodCreate();
    ((ObjectNode) request(review).at("/object/spec")).putArray("imagePullSecrets")
        .add(JSON.createObjectNode().put("name", "from-service-account"))
        .add(JSON.createObjectNode().put("name", "mirror-pull"));
    JsonNode ops = ops(response(handler(SecretLookup.UNKNOWN).handle(bytes(review))));
    assertThat(ops.get(ops.size() - 1).toString())
        .isEqualTo("{\"op\":\"add\",\"path\":\"/spec/imagePullSecrets/-\",\"value\":{\"name\":\"base-pull\"}}");
    JsonNode pod = JsonPatch.apply(ops, request(review).get("object"));
    assertThat(pod.at("/spec/imagePullSecrets").toString()).isEqualTo(
        "[{\"name\":\"from-service-account\"},{\"name\":\"mirror-pull\"},{\"name\":\"base-pull\"}]");
  }

  @Test
  void reinvocationOnThePatchedPodAddsNothing() throws IOException {
    AdmissionHandler handler = handler(SecretLookup.UNKNOWN);
    ObjectNode review = Reviews.generatedPodCreate();
    JsonNode patched = JsonPatch.apply(ops(response(handler.handle(bytes(review)))), request(review).get("object"));
    request(review).set("object", patched);
    AdmissionHandler.Result again = handler.handle(bytes(review));
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(response(again).has("patch")).isFalse();
  }

  @Test
  void aSecretMissingFromTheNamespaceDrawsAWarningNotAFailure() throws IOException {
    SecretLookup lookup = (ns, name) -> Optional.of(!name.equals("base-pull"));
    JsonNode response = response(handler(lookup).handle(bytes(Reviews.generatedPodCreate())));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText()).isEqualTo("pull secret \"base-pull\" added for"
        + " reg.local/base/busybox does not exist in namespace demo: pulling it may fail until it is created");
    assertThat(response.path("warnings").toString()).doesNotContain("\"mirror-pull\" added");
  }

  @Test
  void onlyTheMapThatRelocatedAnImageContributesItsSecrets() {
    var nginx = dev.relocator.image.ImageReference.parse("nginx:1");
    assertThat(catalog.pullSecrets("demo", nginx, dev.relocator.image.ImageReference.parse("reg.local/mirror/nginx:1")))
        .containsExactly("mirror-pull");
    assertThat(catalog.pullSecrets("other", nginx, dev.relocator.image.ImageReference.parse("reg.local/mirror/nginx:1")))
        .as("demo's map does not reach other namespaces").isEmpty();
    assertThat(catalog.pullSecrets("other", dev.relocator.image.ImageReference.parse("busybox"),
        dev.relocator.image.ImageReference.parse("reg.local/base/busybox"))).containsExactly("base-pull", "mirror-pull");
  }

  @Test
  void ephemeralContainerUpdatesLeavePullSecretsAlone() throws IOException {
    JsonNode response = response(handler(SecretLookup.UNKNOWN).handle(bytes(Reviews.ephemeralUpdate())));
    assertThat(ops(response).toString()).doesNotContain("imagePullSecrets");
  }
}
