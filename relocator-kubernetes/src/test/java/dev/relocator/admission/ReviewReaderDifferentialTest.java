package dev.relocator.admission;

import static dev.relocator.admission.Reviews.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming read ({@link ReviewReader}) against the tree walk it replaced
 * ({@link TreeAdmissionHandler}): for every review of a corpus, and for seeded random variations
 * of it, both handlers give the same status, media type, body bytes, outcome, count, namespace and
 * policy decision, under every failure mode and with maps that add pull secrets and policies.
 */
class ReviewReaderDifferentialTest {

  private static final MappingCatalog SECRETS = PullSecretsTest.catalog();
  private static final MappingCatalog DEMO = AdmissionHandlerTest.catalog("demo",
      "nginx", "reg.local/mirror/nginx",
      "busybox", "reg.local/mirror/busybox",
      "quay.io/calico/cni", "reg.local/mirror/calico/cni");
  private static final SecretLookup LOOKUP = (ns, name) -> Optional.of(name.equals("base-pull"));

  private static PolicySet policies(PolicyMode mode) {
    return new PolicySet(List.of(new Policy(PolicyId.cluster("mirror-only"),
        AllowedPrefixes.parse("spec.allowed", List.of("reg.local/mirror")), mode, null,
        ImageGlobs.parse("spec.exemptImages", List.of("quay.io/calico/**")))), ns -> Map.of());
  }

  /** One configuration, as both handlers. */
  private record Pair(String name, AdmissionHandler streaming, TreeAdmissionHandler tree) {
    static Pair of(String name, MappingCatalog catalog, PolicySet policies, FailureMode mode) {
      Supplier<MappingCatalog> c = () -> catalog;
      Supplier<PolicySet> p = () -> policies;
      return new Pair(name, new AdmissionHandler(c, p, LOOKUP, mode), new TreeAdmissionHandler(c, p, LOOKUP, mode));
    }
  }

  private static final List<Pair> PAIRS = List.of(
      Pair.of("pull secrets, fail", SECRETS, PolicySet.EMPTY, FailureMode.FAIL),
      Pair.of("pull secrets, ignore", SECRETS, PolicySet.EMPTY, FailureMode.IGNORE),
      Pair.of("demo, warn", DEMO, policies(PolicyMode.WARN), FailureMode.FAIL),
      Pair.of("demo, deny", DEMO, policies(PolicyMode.DENY), FailureMode.IGNORE));

  /** Asserts both paths answer {@code body} alike; returns how many answered 200 with a patch. */
  private static int assertSameAnswer(String what, byte[] body) {
    int patched = 0;
    for (Pair pair : PAIRS) {
      AdmissionHandler.Result s = pair.streaming().handle(body);
      TreeAdmissionHandler.Result t = pair.tree().handle(body);
      assertThat(describe(s.httpStatus(), s.contentType(), s.body(), s.outcome(), s.imagesRewritten(), s.dryRun(),
              s.namespace(), s.decision()))
          .as("%s under %s", what, pair.name())
          .isEqualTo(describe(t.httpStatus(), t.contentType(), t.body(), t.outcome(), t.imagesRewritten(), t.dryRun(),
              t.namespace(), t.decision()));
      assertThat(s.body()).as("%s under %s: body bytes", what, pair.name()).isEqualTo(t.body());
      if (s.imagesRewritten() > 0) {
        patched++;
      }
    }
    return patched;
  }

  private static String describe(Object... fields) {
    StringBuilder b = new StringBuilder();
    for (Object f : fields) {
      b.append(f instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(f)).append('\n');
    }
    return b.toString();
  }

  // --- the corpus ---------------------------------------------------------------------------------

  private static ObjectNode legacyEphemeralUpdate() {
    ObjectNode review = Reviews.ephemeralUpdate();
    ObjectNode request = Reviews.request(review);
    for (String which : List.of("object", "oldObject")) {
      ObjectNode pod = (ObjectNode) request.get(which);
      ObjectNode legacy = JSON.createObjectNode().put("kind", "EphemeralContainers").put("apiVersion", "v1");
      legacy.set("metadata", pod.get("metadata"));
      legacy.set("ephemeralContainers", pod.get("spec").get("ephemeralContainers"));
      request.set(which, legacy);
    }
    return review;
  }

  private static ObjectNode withPod(ObjectNode review, java.util.function.Consumer<ObjectNode> change) {
    change.accept((ObjectNode) Reviews.request(review).get("object"));
    return review;
  }

  private static ObjectNode spec(ObjectNode pod) {
    return (ObjectNode) pod.get("spec");
  }

  private static ObjectNode many() {
    ObjectNode review = Reviews.generatedPodCreate();
    ArrayNode containers = (ArrayNode) spec(pod(review)).get("containers");
    for (int i = 0; i < 40; i++) {
      containers.addObject().put("name", "c" + i)
          .put("image", List.of("nginx:1." + i, "busybox@" + Reviews.DIGEST, "quay.io/calico/cni:v" + i,
              "docker.io/library/alpine:3", "Not A Reference")
          .get(i % 5));
    }
    spec(pod(review)).putArray("imagePullSecrets").addObject().put("name", "mirror-pull");
    return review;
  }

  private static ObjectNode pod(ObjectNode review) {
    return (ObjectNode) Reviews.request(review).get("object");
  }

  /** A value nested {@code depth} levels deep, alternating objects and arrays. */
  private static JsonNode deep(int depth) {
    JsonNode node = JSON.getNodeFactory().textNode("bottom \u00e9");
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? JSON.createArrayNode().add(node).add(i) : JSON.createObjectNode().set("k" + i, node);
    }
    return node;
  }

  private static String text(JsonNode node) {
    return node.toString();
  }

  /** The kubectl pod's review text with {@code from} replaced by {@code to} (once, checked). */
  private static String edited(String from, String to) {
    String base = text(Reviews.podCreate());
    assertThat(base).contains(from);
    return base.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  static Stream<Arguments> corpus() {
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("kubectl's pod", text(Reviews.podCreate())));
    c.add(Arguments.of("kubectl 1.20's pod", text(Reviews.load("/admission/pod-create-1.20.json"))));
    c.add(Arguments.of("a Deployment's pod", text(Reviews.generatedPodCreate())));
    c.add(Arguments.of("ephemeral container", text(Reviews.ephemeralUpdate())));
    c.add(Arguments.of("legacy EphemeralContainers", text(legacyEphemeralUpdate())));
    c.add(Arguments.of("init and 42 containers, pull secrets", text(many())));
    c.add(Arguments.of("originals recorded", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata")
        .get("annotations")).put(JsonPatches.ORIGINAL_IMAGES, "{\"nginx\":\"nginx:1.24\",\"x\":[1,{\"y\":null}]}")))));
    c.add(Arguments.of("originals not JSON", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata")
        .get("annotations")).put(JsonPatches.ORIGINAL_IMAGES, "{not json")))));
    c.add(Arguments.of("originals a number", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata")
        .get("annotations")).put(JsonPatches.ORIGINAL_IMAGES, 7)))));
    c.add(Arguments.of("originals null", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata")
        .get("annotations")).putNull(JsonPatches.ORIGINAL_IMAGES)))));
    c.add(Arguments.of("no annotations", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata"))
        .remove("annotations")))));
    c.add(Arguments.of("annotations null", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata"))
        .putNull("annotations")))));
    c.add(Arguments.of("metadata a string", text(withPod(Reviews.podCreate(), p -> p.put("metadata", "m")))));
    c.add(Arguments.of("no metadata", text(withPod(Reviews.podCreate(), p -> p.remove("metadata")))));
    c.add(Arguments.of("unicode and escapes", text(withPod(Reviews.podCreate(), p -> {
      ((ObjectNode) spec(p).get("containers").get(0)).put("name", "caf\u00e9-\u65e5\u672c-\ud83d\ude80\"\\/\t\u0001");
      ((ObjectNode) p.get("metadata").get("annotations")).put("n\u00e9", "</script> \u2028");
    }))));
    c.add(Arguments.of("escaped key names",
        edited("\"containers\":[{\"name\":\"nginx\",\"image\"", "\"cont\\u0061iners\":[{\"n\\u0061me\":\"ngi\\u006ex\",\"im\\u0061ge\"")));
    c.add(Arguments.of("escaped annotation key", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) p.get("metadata")
        .get("annotations")).put(JsonPatches.ORIGINAL_IMAGES, "{}"))).replace("relocator.dev/original-images",
        "relocator.dev\\/original-images")));
    c.add(Arguments.of("request first, apiVersion last", "{\"request\":" + text(Reviews.podCreate().get("request"))
        + ",\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}"));
    c.add(Arguments.of("image before name", edited("{\"name\":\"nginx\",\"image\":\"nginx:1.25\",",
        "{\"image\":\"nginx:1.25\",\"name\":\"nginx\",")));
    c.add(Arguments.of("spec before metadata", text(withPod(Reviews.podCreate(), p -> {
      JsonNode m = p.remove("metadata");
      p.set("metadata", m);
    }))));
    c.add(Arguments.of("duplicate image, last wins", edited("\"image\":\"nginx:1.25\"",
        "\"image\":\"busybox\",\"image\":\"nginx:1.25\"")));
    c.add(Arguments.of("duplicate image, last not a string", edited("\"image\":\"nginx:1.25\"",
        "\"image\":\"nginx:1.25\",\"image\":5")));
    c.add(Arguments.of("duplicate containers", edited("\"containers\":[", "\"containers\":{},\"containers\":[")));
    c.add(Arguments.of("duplicate containers, last null", edited("\"restartPolicy\"", "\"containers\":null,\"restartPolicy\"")));
    c.add(Arguments.of("duplicate spec", edited("\"status\":{}", "\"status\":{},\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"busybox\"}]}")));
    c.add(Arguments.of("duplicate metadata without annotations", edited("\"spec\":{\"volumes\"", "\"metadata\":{\"namespace\":\"other\"},\"spec\":{\"volumes\"")));
    c.add(Arguments.of("duplicate request", text(Reviews.podCreate()).replaceFirst("}$", ",\"request\":{\"uid\":\"u2\"}}")));
    c.add(Arguments.of("duplicate uid", edited("\"uid\":\"7d6d", "\"uid\":\"\",\"uid\":\"7d6d")));
    c.add(Arguments.of("request null", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":null}"));
    c.add(Arguments.of("request an array", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":[1]}"));
    c.add(Arguments.of("no request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"));
    c.add(Arguments.of("kind a number, apiVersion null", "{\"apiVersion\":null,\"kind\":1.50,\"request\":{}}"));
    c.add(Arguments.of("kind an object, apiVersion true", "{\"apiVersion\":true,\"kind\":{\"a\":1},\"request\":{}}"));
    c.add(Arguments.of("uid a number", edited("\"uid\":\"7d6d744f-46b8-4f2e-bddf-e72b216dc72c\"", "\"uid\":12345678901234567890123")));
    c.add(Arguments.of("uid a float", edited("\"uid\":\"7d6d744f-46b8-4f2e-bddf-e72b216dc72c\"", "\"uid\":1e400")));
    c.add(Arguments.of("uid null", edited("\"uid\":\"7d6d744f-46b8-4f2e-bddf-e72b216dc72c\"", "\"uid\":null")));
    c.add(Arguments.of("uid an object", edited("\"uid\":\"7d6d744f-46b8-4f2e-bddf-e72b216dc72c\"", "\"uid\":{}")));
    c.add(Arguments.of("dryRun a string", edited("\"dryRun\":false", "\"dryRun\":\"true\"")));
    c.add(Arguments.of("dryRun a number", edited("\"dryRun\":false", "\"dryRun\":2")));
    c.add(Arguments.of("dryRun null", edited("\"dryRun\":false", "\"dryRun\":null")));
    c.add(Arguments.of("dryRun true", edited("\"dryRun\":false", "\"dryRun\":true")));
    c.add(Arguments.of("group an object", edited("\"resource\":{\"group\":\"\"", "\"resource\":{\"group\":{}")));
    c.add(Arguments.of("group null", edited("\"resource\":{\"group\":\"\"", "\"resource\":{\"group\":null")));
    c.add(Arguments.of("group false", edited("\"resource\":{\"group\":\"\"", "\"resource\":{\"group\":false")));
    c.add(Arguments.of("resource a string", edited("\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"}", "\"resource\":\"pods\"")));
    c.add(Arguments.of("namespace from the pod", edited("\"namespace\":\"demo\",\"operation\"", "\"namespace\":null,\"operation\"")));
    c.add(Arguments.of("object null", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"object\":null,\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("object an array", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"object\":[1],\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("object a string", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"object\":\"pod\",\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("object a number", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"object\":-0.0,\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("object a boolean", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"object\":false,\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("no object", text(Reviews.podCreate()).replace("\"object\":{\"kind\":\"Pod\"", "\"x\":{\"kind\":\"Pod\"")));
    c.add(Arguments.of("spec null", text(withPod(Reviews.podCreate(), p -> p.putNull("spec")))));
    c.add(Arguments.of("spec a list", text(withPod(Reviews.podCreate(), p -> p.putArray("spec")))));
    c.add(Arguments.of("containers an object", text(withPod(Reviews.podCreate(), p -> spec(p).putObject("containers")))));
    c.add(Arguments.of("container null", text(withPod(Reviews.podCreate(), p -> ((ArrayNode) spec(p).get("containers")).addNull()))));
    c.add(Arguments.of("image not a string", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) spec(p).get("containers").get(0)).putArray("image")))));
    c.add(Arguments.of("image empty", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) spec(p).get("containers").get(0)).put("image", "")))));
    c.add(Arguments.of("name a number", text(withPod(Reviews.podCreate(), p -> ((ObjectNode) spec(p).get("containers").get(0)).put("name", 4.0)))));
    c.add(Arguments.of("pull secrets not a list", text(withPod(many(), p -> spec(p).put("imagePullSecrets", "x")))));
    c.add(Arguments.of("pull secrets without names", text(withPod(many(), p -> ((ArrayNode) spec(p).get("imagePullSecrets"))
        .add(1).addObject().put("name", 2)))));
    c.add(Arguments.of("old object null on ephemeral", text(Reviews.ephemeralUpdate()).replace("\"oldObject\":{", "\"oldObject\":null,\"x\":{")));
    c.add(Arguments.of("old spec's ephemeral list not a list", text(Reviews.ephemeralUpdate()).replace(
        "\"ephemeralContainers\":[{\"name\":\"old-debug\",\"image\":\"busybox:1.36\"}]}", "\"ephemeralContainers\":{}}")));
    c.add(Arguments.of("deep unrelated subtree", text(withPod(Reviews.podCreate(), p -> p.set("status", deep(900))))));
    c.add(Arguments.of("too deep", edited("\"status\":{}", "\"status\":" + "[".repeat(1200) + "]".repeat(1200))));
    c.add(Arguments.of("long number in a skipped field", edited("\"priority\":0", "\"priority\":" + "9".repeat(1200))));
    c.add(Arguments.of("trailing garbage", text(Reviews.podCreate()) + " }{ x"));
    c.add(Arguments.of("two documents", text(Reviews.podCreate()) + text(Reviews.ephemeralUpdate())));
    for (String root : List.of("[]", "[1,{\"a\":[", "null", "7", "7x", "\"text", "\"text\"", "true", "tru", "{", "{\"a\"",
        "{\"a\":}", "{'a':1}", "{\"a\":1,}", "\ufeff{\"kind\":\"AdmissionReview\"}", "{\"kind\":\"AdmissionReview\"} // c")) {
      c.add(Arguments.of("root " + root, root));
    }
    c.add(Arguments.of("control character in a skipped string", edited("\"path\":\"token\"", "\"path\":\"to\u0001ken\"")));
    c.add(Arguments.of("bad escape in a skipped string", edited("\"path\":\"token\"", "\"path\":\"to\\qken\"")));
    c.add(Arguments.of("bad unicode escape in a skipped string", edited("\"path\":\"token\"", "\"path\":\"to\\u12G4\"")));
    c.add(Arguments.of("lone surrogate escape in a skipped string", edited("\"path\":\"token\"", "\"path\":\"\\ud800\"")));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void theStreamingReadAnswersAsTheTreeDid(String name, String review) {
    assertSameAnswer(name, review.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void invalidUtf8AnywhereIsAnsweredAsTheTreeAnsweredIt() {
    byte[] base = Reviews.bytes(Reviews.podCreate());
    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc3, 'a'}, {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80}};
    String text = new String(base, StandardCharsets.ISO_8859_1);
    List<String> differ = new ArrayList<>();
    // Inside a skipped string, a decoded string (the image), a skipped key and the uid.
    for (String at : List.of("\"path\":\"to", "\"image\":\"ngi", "\"terminationMess", "\"uid\":\"7d6d")) {
      int i = text.indexOf(at) + at.length();
      for (byte[] b : bad) {
        byte[] body = new byte[base.length + b.length];
        System.arraycopy(base, 0, body, 0, i);
        System.arraycopy(b, 0, body, i, b.length);
        System.arraycopy(base, i, body, i + b.length, base.length - i);
        try {
          assertSameAnswer("bytes " + java.util.HexFormat.of().formatHex(b) + " after " + at, body);
        } catch (AssertionError e) {
          differ.add(e.getMessage().lines().findFirst().orElse("") + " " + e.getMessage().lines().skip(4).findFirst().orElse(""));
        }
      }
    }
    assertThat(differ).isEmpty();
  }

  @Test
  void everyTruncationIsAnsweredAsTheTreeAnsweredIt() {
    byte[] base = Reviews.bytes(Reviews.ephemeralUpdate());
    for (int n = 0; n <= base.length; n++) {
      assertSameAnswer("the first " + n + " bytes", java.util.Arrays.copyOf(base, n));
    }
  }

  @Test
  void bytesReplacedAnywhereAreAnsweredAsTheTreeAnsweredThem() {
    byte[] base = Reviews.bytes(legacyEphemeralUpdate());
    byte[] replacements = {'"', '\\', '{', '}', '[', ']', ',', ':', 'n', '1', '-', 0, ' ', (byte) 0xc3};
    Random random = new Random(20261208);
    for (int k = 0; k < 2000; k++) {
      byte[] body = base.clone();
      int at = random.nextInt(body.length);
      body[at] = replacements[random.nextInt(replacements.length)];
      assertSameAnswer("byte " + at + " replaced by " + body[at], body);
    }
  }

  // --- seeded random variations of the reviews' shapes --------------------------------------------

  private static final List<String> NAMES = List.of("apiVersion", "kind", "request", "uid", "dryRun", "resource",
      "group", "version", "subResource", "operation", "namespace", "object", "oldObject", "metadata", "annotations",
      JsonPatches.ORIGINAL_IMAGES, "spec", "initContainers", "containers", "ephemeralContainers", "imagePullSecrets",
      "name", "image", "other");

  private static JsonNode randomValue(Random r) {
    return switch (r.nextInt(22)) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.getNodeFactory().numberNode(r.nextInt(3) - 1);
      case 2 -> JSON.getNodeFactory().numberNode(1.5e300 * r.nextGaussian());
      case 3 -> JSON.getNodeFactory().numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 4 -> JSON.getNodeFactory().booleanNode(r.nextBoolean());
      case 5 -> JSON.getNodeFactory().textNode("");
      case 6 -> JSON.getNodeFactory().textNode(List.of("EphemeralContainers", "Pod", "AdmissionReview",
          "admission.k8s.io/v1").get(r.nextInt(4)));
      case 7 -> JSON.getNodeFactory().textNode(List.of("v1", "pods", "CREATE", "UPDATE", "ephemeralcontainers", "demo",
          "kube-system").get(r.nextInt(7)));
      case 8 -> JSON.getNodeFactory().textNode(List.of("nginx:1.25", "busybox", "quay.io/calico/cni:v1", "a//b",
          "reg.local/mirror/nginx:1", "caf\u00e9\ud83d\ude80").get(r.nextInt(6)));
      case 9 -> JSON.getNodeFactory().textNode("{\"c\":\"nginx:1\"}");
      case 10 -> JSON.createObjectNode();
      case 11 -> JSON.createArrayNode();
      case 12 -> JSON.createArrayNode().addNull();
      case 13 -> JSON.createArrayNode().add(JSON.createObjectNode());
      case 14 -> {
        ArrayNode list = JSON.createArrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          ObjectNode c = list.addObject();
          if (r.nextInt(4) > 0) {
            c.set("name", r.nextInt(5) == 0 ? randomValue(r) : JSON.getNodeFactory().textNode("n" + r.nextInt(3)));
          }
          if (r.nextInt(4) > 0) {
            c.set("image", r.nextInt(5) == 0 ? randomValue(r)
                : JSON.getNodeFactory().textNode(List.of("nginx:1", "busybox", "x/y:z").get(r.nextInt(3))));
          }
        }
        yield list;
      }
      case 15 -> JSON.createObjectNode().put("name", "debugger").put("image", "busybox");
      case 16 -> JSON.createObjectNode().put("group", "").put("version", "v1").put("resource", "pods");
      case 17 -> JSON.createObjectNode().set("annotations", JSON.createObjectNode().put(JsonPatches.ORIGINAL_IMAGES,
          "{\"n0\":\"old:1\"}"));
      case 18 -> JSON.createObjectNode().set("containers", randomValue(r));
      case 19 -> deep(r.nextInt(30));
      case 20 -> JSON.createArrayNode().add(JSON.createObjectNode().put("name", "mirror-pull")).add(3);
      default -> JSON.getNodeFactory().textNode("\u0000\"\\/\u2028 \ud83d\ude80");
    };
  }

  /** Objects and arrays of {@code node} that a variation may change, skipping the big unrelated parts. */
  private static void containers(JsonNode node, int depth, List<JsonNode> into) {
    if (depth > 7 || !node.isContainerNode()) {
      return;
    }
    into.add(node);
    Iterator<Map.Entry<String, JsonNode>> fields = node.isObject() ? node.fields() : null;
    if (fields != null) {
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!List.of("managedFields", "volumes", "volumeMounts", "tolerations", "userInfo", "options").contains(f.getKey())) {
          containers(f.getValue(), depth + 1, into);
        }
      }
    } else {
      node.forEach(e -> containers(e, depth + 1, into));
    }
  }

  private static void vary(JsonNode root, Random r) {
    List<JsonNode> candidates = new ArrayList<>();
    containers(root, 0, candidates);
    JsonNode target = candidates.get(r.nextInt(candidates.size()));
    if (target instanceof ObjectNode o) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      int what = r.nextInt(4);
      if (what == 0 && !keys.isEmpty()) {
        o.remove(keys.get(r.nextInt(keys.size())));
      } else if (what == 1 && !keys.isEmpty()) {
        o.set(keys.get(r.nextInt(keys.size())), randomValue(r));
      } else {
        o.set(NAMES.get(r.nextInt(NAMES.size())), randomValue(r));
      }
    } else if (target instanceof ArrayNode a) {
      if (a.isEmpty() || r.nextBoolean()) {
        a.insert(a.isEmpty() ? 0 : r.nextInt(a.size() + 1), randomValue(r));
      } else {
        a.set(r.nextInt(a.size()), randomValue(r));
      }
    }
  }

  /**
   * {@code node} as text with its fields in a random order, and now and then a key written twice
   * (the other value first or last), which a tree cannot hold but a body can.
   */
  private static void write(JsonGenerator g, JsonNode node, Random r) throws IOException {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      if (r.nextInt(4) == 0) {
        java.util.Collections.shuffle(fields, r);
      }
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> f : fields) {
        boolean twice = r.nextInt(40) == 0;
        boolean otherFirst = r.nextBoolean();
        if (twice && otherFirst) {
          g.writeFieldName(f.getKey());
          write(g, randomValue(r), r);
        }
        g.writeFieldName(f.getKey());
        write(g, f.getValue(), r);
        if (twice && !otherFirst) {
          g.writeFieldName(f.getKey());
          write(g, randomValue(r), r);
        }
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode e : node) {
        write(g, e, r);
      }
      g.writeEndArray();
    } else {
      JSON.writeTree(g, node);
    }
  }

  private static byte[] text(JsonNode node, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      write(g, node, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void seededVariationsOfEveryShapeAreAnsweredAsTheTreeAnsweredThem() {
    List<Supplier<ObjectNode>> bases = List.of(Reviews::podCreate, Reviews::generatedPodCreate,
        Reviews::ephemeralUpdate, ReviewReaderDifferentialTest::legacyEphemeralUpdate, ReviewReaderDifferentialTest::many);
    Random r = new Random(15_4);
    int patched = 0;
    int variations = 2500;
    for (int k = 0; k < variations; k++) {
      ObjectNode review = bases.get(k % bases.size()).get();
      int changes = 1 + r.nextInt(4);
      for (int i = 0; i < changes; i++) {
        vary(review, r);
      }
      patched += assertSameAnswer("variation " + k + ": " + review, text(review, r));
    }
    // The variations are not all refusals: a good share still gets relocated.
    assertThat(patched).isGreaterThan(variations);
  }
}
