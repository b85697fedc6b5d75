package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@link JsonPatches} as it was on a Jackson tree, the reference for {@link ReviewReaderDifferentialTest}.
 */
final class TreeJsonPatches {

  /** The annotation holding a JSON object from container name to its original image. */
  static final String ORIGINAL_IMAGES = "relocator.dev/original-images";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeJsonPatches() {}

  /**
   * The operations for {@code changes} on {@code pod}; with {@code annotate}, originals already
   * recorded (by an earlier invocation) are kept, so the annotation always names the first image.
   */
  static ArrayNode build(JsonNode pod, List<ImageChange> changes, boolean annotate) {
    ArrayNode ops = NODES.arrayNode();
    for (ImageChange c : changes) {
      ops.addObject().put("op", "replace").put("path", c.pointer()).put("value", c.relocated());
    }
    if (annotate && !changes.isEmpty()) {
      annotate(ops, pod, changes);
    }
    return ops;
  }

  private static void annotate(ArrayNode ops, JsonNode pod, List<ImageChange> changes) {
    JsonNode metadata = pod.get("metadata");
    JsonNode annotations = metadata == null ? null : metadata.get("annotations");
    ObjectNode originals = NODES.objectNode();
    JsonNode existing = annotations == null ? null : annotations.get(ORIGINAL_IMAGES);
    if (existing != null && existing.isTextual()) {
      try {
        JsonNode parsed = AdmissionHandler.MAPPER.readTree(existing.asText());
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
    if (metadata == null || !metadata.isObject()) {
      ObjectNode m = NODES.objectNode();
      m.putObject("annotations").put(ORIGINAL_IMAGES, value);
      ops.addObject().put("op", "add").put("path", "/metadata").set("value", m);
    } else if (annotations == null || !annotations.isObject()) {
      ObjectNode a = NODES.objectNode().put(ORIGINAL_IMAGES, value);
      ops.addObject().put("op", "add").put("path", "/metadata/annotations").set("value", a);
    } else {
      String op = existing == null ? "add" : "replace";
      ops.addObject()
          .put("op", op)
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
  static List<String> addPullSecrets(ArrayNode ops, JsonNode pod, List<String> secrets) {
    JsonNode existing = pod.path("spec").get("imagePullSecrets");
    java.util.Set<String> have = new java.util.HashSet<>();
    if (existing != null && existing.isArray()) {
      existing.forEach(r -> have.add(r.path("name").asText("")));
    }
    List<String> missing = secrets.stream().filter(n -> !have.contains(n)).distinct().toList();
    if (missing.isEmpty()) {
      return missing;
    }
    if (existing == null || !existing.isArray()) {
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
