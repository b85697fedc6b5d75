package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the exact JSONPatch (RFC 6902) operations for a mutation: one {@code replace} per image,
 * plus the annotation recording the originals. Never diffs serialised objects.
 */
final class JsonPatches {

  /** The annotation holding a JSON object from container name to its original image. */
  static final String ORIGINAL_IMAGES = "relocator.dev/original-images";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonPatches() {}

  /**
   * The operations for {@code changes} on {@code pod}; with {@code annotate}, originals already
   * recorded (by an earlier invocation) are kept, so the annotation always names the first image.
   */
  static ArrayNode build(Pod pod, List<ImageChange> changes, boolean annotate) {
    ArrayNode ops = NODES.arrayNode();
    for (ImageChange c : changes) {
      ops.addObject().put("op", "replace").put("path", c.pointer()).put("value", c.relocated());
    }
    if (annotate && !changes.isEmpty()) {
      annotate(ops, pod, changes);
    }
    return ops;
  }

  private static void annotate(ArrayNode ops, Pod pod, List<ImageChange> changes) {
    ObjectNode originals = NODES.objectNode();
    if (pod.originals() != null) {
      try {
        JsonNode parsed = AdmissionHandler.MAPPER.readTree(pod.originals());
        if (parsed != null && parsed.isObject()) {
          originals.setAll((ObjectNode) parsed);
        }
      } catch (java.io.IOException unreadable) {
        // Someone else's value: replaced by ours below.
      }
    }
    for (ImageChange c : changes) {
      if (!originals.has(c.container())) {
        originals.put(c.container(), c.original());
      }
    }
    String value = new String(ReviewWriter.bytes(originals), java.nio.charset.StandardCharsets.UTF_8);
    switch (pod.annotations()) {
      case NO_METADATA -> {
        ObjectNode m = NODES.objectNode();
        m.putObject("annotations").put(ORIGINAL_IMAGES, value);
        ops.addObject().put("op", "add").put("path", "/metadata").set("value", m);
      }
      case NO_ANNOTATIONS -> {
        ObjectNode a = NODES.objectNode().put(ORIGINAL_IMAGES, value);
        ops.addObject().put("op", "add").put("path", "/metadata/annotations").set("value", a);
      }
      default -> ops.addObject()
          .put("op", pod.annotations() == Pod.Annotations.WITH_ORIGINALS ? "replace" : "add")
          .put("path", "/metadata/annotations/" + escape(ORIGINAL_IMAGES))
          .put("value", value);
    }
  }

  /**
   * Adds {@code secrets} that the pod's {@code spec.imagePullSecrets} does not name yet, keeping
   * every entry it has (the service account's included): one {@code add} of the whole list when
   * the pod has none, else one {@code add} at the end per missing name.
   *
   * @return the names added
   */
  static List<String> addPullSecrets(ArrayNode ops, Pod pod, List<String> secrets) {
    List<String> existing = pod.spec() == null ? null : pod.spec().pullSecrets();
    java.util.Set<String> have = existing == null ? java.util.Set.of() : new java.util.HashSet<>(existing);
    List<String> missing = secrets.stream().filter(n -> !have.contains(n)).distinct().toList();
    if (missing.isEmpty()) {
      return missing;
    }
    if (existing == null) {
      ArrayNode list = NODES.arrayNode();
      missing.forEach(n -> list.addObject().put("name", n));
      ops.addObject().put("op", "add").put("path", "/spec/imagePullSecrets").set("value", list);
    } else {
      for (String n : missing) {
        ops.addObject().put("op", "add").put("path", "/spec/imagePullSecrets/-")
            .set("value", NODES.objectNode().put("name", n));
      }
    }
    return missing;
  }

  /** RFC 6901: '~' becomes "~0" first, then '/' becomes "~1". */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
