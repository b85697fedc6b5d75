package dev.relocator.admission;

import static dev.relocator.admission.Reviews.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.imagemap.ImageMapping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass writer against the tree-built body it replaced (an ObjectNode envelope, the patch's
 * {@code toString()} base64-encoded by {@link Base64}, {@code writeValueAsBytes}): byte for byte.
 */
class ReviewWriterTest {

  private static final ImageMapping DEMO = AdmissionHandlerTest.catalog("demo",
      "nginx", "reg.local/mirror/nginx",
      "busybox", "reg.local/mirror/busybox",
      "quay.io/calico/cni", "reg.local/mirror/calico/cni").forNamespace("demo");

  /** The body as AdmissionHandler built it before the writer. */
  private static byte[] treeBuilt(String uid, boolean allowed, ArrayNode patch, List<String> warnings, int max,
      ReviewWriter.Status status) throws Exception {
    ObjectNode response = JSON.createObjectNode().put("uid", uid).put("allowed", allowed);
    if (status != null) {
      ObjectNode s = response.putObject("status").put("code", status.code());
      if (status.reason() != null) {
        s.put("reason", status.reason());
      }
      s.put("message", status.message());
    }
    if (patch != null) {
      response.put("patchType", "JSONPatch");
      response.put("patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
    }
    if (!warnings.isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      warnings.stream().limit(max).forEach(w::add);
      if (warnings.size() > max) {
        w.add("and " + (warnings.size() - max) + " more");
      }
    }
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    review.set("response", response);
    return JSON.writeValueAsBytes(review);
  }

  static Stream<Arguments> reviews() {
    ObjectNode escapes = Reviews.podCreate();
    ObjectNode escapesPod = pod(escapes);
    container(escapesPod, "containers", 0).put("name", "we\"b\\tab\t/slash~tilde\u0001");
    annotations(escapesPod).put("note", "quote \" and </script>");

    ObjectNode unicode = Reviews.podCreate();
    container(pod(unicode), "containers", 0).put("name", "caf\u00e9-\u65e5\u672c-\ud83d\ude80");

    ObjectNode many = Reviews.generatedPodCreate();
    ArrayNode containers = (ArrayNode) pod(many).get("spec").get("containers");
    for (int i = 0; i < 30; i++) {
      containers.addObject().put("name", "c" + i).put("image", i % 2 == 0 ? "nginx:1." + i : "busybox@" + Reviews.DIGEST);
    }

    ObjectNode recorded = Reviews.podCreate();
    annotations(pod(recorded)).put(JsonPatches.ORIGINAL_IMAGES, "{\"nginx\":\"nginx:1.24\",\"gone\":\"caf\u00e9:1\"}");
    ObjectNode foreign = Reviews.podCreate();
    annotations(pod(foreign)).put(JsonPatches.ORIGINAL_IMAGES, "{\"nginx\":{\"not\":[\"a string\",1,true,null]}}");
    ObjectNode noMetadata = Reviews.podCreate();
    ((ObjectNode) pod(noMetadata)).remove("metadata");

    return Stream.of(
        Arguments.of("kubectl's pod", Reviews.podCreate(), true),
        Arguments.of("escapes in names and annotations", escapes, true),
        Arguments.of("unicode container name", unicode, true),
        Arguments.of("init containers and 32 containers", many, true),
        Arguments.of("ephemeral container", Reviews.ephemeralUpdate(), false),
        Arguments.of("originals annotation already there", recorded, true),
        Arguments.of("someone else's non-string originals", foreign, true),
        Arguments.of("no metadata at all", noMetadata, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reviews")
  void theAllowedBodyIsTheTreeBuiltOneByteForByte(String name, ObjectNode review, boolean create) throws Exception {
    JsonNode request = review.get("request");
    Review.Request read = Reviews.read(review);
    Pod pod = read.object();
    PodMutation.Result result = PodMutation.mutate(pod, create ? null : read.oldObject(), DEMO);
    assertThat(result.changes()).isNotEmpty();
    ArrayNode patch = JsonPatches.build(pod, result.changes(), create);
    if (create) {
      JsonPatches.addPullSecrets(patch, pod, List.of("pull-\u00e9", "regcred"));
    }
    List<String> warnings = new ArrayList<>();
    result.changes().forEach(c -> warnings.add("relocated " + c.container() + ": " + c.original() + " -> " + c.relocated()));
    String uid = request.get("uid").asText();

    byte[] written = ReviewWriter.allowed(uid, patch, warnings, 10);

    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(new String(treeBuilt(uid, true, patch, warnings, 10, null), StandardCharsets.UTF_8));
  }

  @Test
  void theOriginalsAnnotationIsSpelledAsTheTreeSpellsIt() {
    ObjectNode review = Reviews.podCreate();
    ObjectNode pod = pod(review);
    container(pod, "containers", 0).put("name", "n\"\u00e9\ud83d\ude80");
    Pod read = Reviews.pod(pod);
    PodMutation.Result result = PodMutation.mutate(read, null, DEMO);

    ArrayNode patch = JsonPatches.build(read, result.changes(), true);

    ObjectNode expected = JSON.createObjectNode().put("n\"\u00e9\ud83d\ude80", "nginx:1.25");
    assertThat(patch.get(1).get("value").asText()).isEqualTo(expected.toString());
  }

  @Test
  void everyWarningPastTheLimitIsCountedAsTheTreeCountedThem() throws Exception {
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      warnings.add("warning " + i + " \u00e9 \ud83d\ude80 \"quoted\"");
    }

    byte[] written = ReviewWriter.allowed("u-1", null, warnings, 10);

    assertThat(written).isEqualTo(treeBuilt("u-1", true, null, warnings, 10, null));
    assertThat(JSON.readTree(written).at("/response/warnings/10").asText()).isEqualTo("and 3 more");
  }

  @Test
  void aRefusalWithAndWithoutAReasonIsTheTreeBuiltOne() throws Exception {
    ReviewWriter.Status forbidden = new ReviewWriter.Status(403, "Forbidden", "image \"x\u00e9\" is not allowed\n");
    ReviewWriter.Status denied = new ReviewWriter.Status(400, null, "relocator: request.object: expected a Pod");

    assertThat(ReviewWriter.refused("u-2", forbidden))
        .isEqualTo(treeBuilt("u-2", false, null, List.of(), 10, forbidden));
    assertThat(ReviewWriter.refused("u-3", denied))
        .isEqualTo(treeBuilt("u-3", false, null, List.of(), 10, denied));
  }

  @Test
  void bytesOfAnyTreeAreItsToString() throws Exception {
    JsonNode node = JSON.readTree("{\"s\":\"\\u0000\\t\\\"\\\\/\u00e9\ud83d\ude80\",\"a\":[1,2.5,true,false,null,"
        + "{\"o\":{}},[]],\"big\":12345678901234567890}");

    assertThat(new String(ReviewWriter.bytes(node), StandardCharsets.UTF_8)).isEqualTo(node.toString());
  }

  private static ObjectNode pod(ObjectNode review) {
    return (ObjectNode) review.get("request").get("object");
  }

  private static ObjectNode annotations(ObjectNode pod) {
    return (ObjectNode) pod.get("metadata").get("annotations");
  }

  private static ObjectNode container(ObjectNode pod, String list, int index) {
    return (ObjectNode) pod.get("spec").get(list).get(index);
  }
}
