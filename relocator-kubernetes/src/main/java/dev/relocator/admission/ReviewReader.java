package dev.relocator.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an AdmissionReview v1 body into a {@link Review}: the one place the review's wire format
 * is read. One pass of Jackson's streaming parser over the bytes; every field the webhook does
 * not use is skipped ({@code skipChildren}, strings never decoded) and no tree is built, which
 * made reading the review most of the webhook's cost.
 *
 * <p>The result is what reading the body into a {@code JsonNode} tree and walking it gave: the
 * whole document is still parsed (a syntax error anywhere fails the read), a repeated key counts
 * with its last value, and values are spelled as the tree's {@code asText} spelled them.
 */
final class ReviewReader {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private ReviewReader() {}

  /** The review in {@code body}; throws what the parser throws for a body that is not JSON. */
  static Review read(byte[] body) throws IOException {
    Review review = stream(body);
    // A skipped string is checked for well-formed UTF-8 but not for encoded surrogates (U+D800 to
    // U+DFFF, which UTF-8 forbids), which decoding it refused: such a body gets the tree's error.
    if (!ascii(body) && encodesSurrogate(body)) {
      AdmissionHandler.MAPPER.readTree(body);
    }
    return review;
  }

  private static Review stream(byte[] body) throws IOException {
    // The mapper's parser, so a value read as a tree (rare: numbers and booleans where text is
    // expected) is the node the tree held.
    try (JsonParser p = AdmissionHandler.MAPPER.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first != null) {
          p.readValueAsTree(); // the whole value, so a syntax error in it is reported as before
        }
        return Review.NOT_AN_OBJECT;
      }
      String apiVersion = "";
      String kind = "";
      Review.Request request = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "apiVersion" -> apiVersion = text(p, "null");
          case "kind" -> kind = text(p, "null");
          case "request" -> request = request(p);
          default -> p.skipChildren();
        }
      }
      return new Review(true, apiVersion, kind, request);
    }
  }

  private static Review.Request request(JsonParser p) throws IOException {
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      p.skipChildren();
      return null;
    }
    String uid = "";
    boolean dryRun = false;
    String[] resource = {"", "", ""};
    String subResource = "";
    String operation = "";
    String namespace = "";
    Pod object = null;
    Pod oldObject = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "uid" -> uid = text(p, "");
        case "dryRun" -> dryRun = bool(p);
        case "resource" -> resource = resource(p);
        case "subResource" -> subResource = text(p, "");
        case "operation" -> operation = text(p, "");
        case "namespace" -> namespace = text(p, "");
        case "object" -> object = pod(p);
        case "oldObject" -> oldObject = pod(p);
        default -> p.skipChildren();
      }
    }
    return new Review.Request(
        uid, dryRun, resource[0], resource[1], resource[2], subResource, operation, namespace, object, oldObject);
  }

  /** group (null as ""), version and resource (null as "null"). */
  private static String[] resource(JsonParser p) throws IOException {
    String[] r = {"", "", ""};
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      p.skipChildren();
      return r;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "group" -> r[0] = text(p, "");
        case "version" -> r[1] = text(p, "null");
        case "resource" -> r[2] = text(p, "null");
        default -> p.skipChildren();
      }
    }
    return r;
  }

  private static Pod pod(JsonParser p) throws IOException {
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      String shape = shape(p.currentToken());
      p.skipChildren();
      return Pod.notAnObject(shape);
    }
    String kind = "";
    String namespace = "";
    Pod.Annotations annotations = Pod.Annotations.NO_METADATA;
    String originals = null;
    Pod.Spec spec = null;
    Pod.Containers init = null;
    Pod.Containers containers = null;
    Pod.Containers ephemeral = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "kind" -> kind = text(p, "null");
        case "metadata" -> {
          Metadata m = metadata(p);
          namespace = m.namespace;
          annotations = m.annotations;
          originals = m.originals;
        }
        case "spec" -> spec = spec(p);
        case "initContainers" -> init = containers(p);
        case "containers" -> containers = containers(p);
        case "ephemeralContainers" -> ephemeral = containers(p);
        default -> p.skipChildren();
      }
    }
    return new Pod("object", kind, namespace, annotations, originals, spec,
        new Pod.Spec(true, init, containers, ephemeral, null));
  }

  private static final class Metadata {
    String namespace = "";
    Pod.Annotations annotations = Pod.Annotations.NO_METADATA;
    String originals;
  }

  private static Metadata metadata(JsonParser p) throws IOException {
    Metadata m = new Metadata();
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      p.skipChildren();
      return m;
    }
    m.annotations = Pod.Annotations.NO_ANNOTATIONS;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "namespace" -> m.namespace = text(p, "");
        case "annotations" -> {
          m.annotations = Pod.Annotations.NO_ANNOTATIONS;
          m.originals = null;
          if (p.hasToken(JsonToken.START_OBJECT)) {
            m.annotations = Pod.Annotations.WITHOUT_ORIGINALS;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              boolean ours = JsonPatches.ORIGINAL_IMAGES.equals(p.currentName());
              p.nextToken();
              if (ours) {
                m.annotations = Pod.Annotations.WITH_ORIGINALS;
                m.originals = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : null;
              }
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return m;
  }

  /** Null for JSON null: the mutation treats it as no spec. */
  private static Pod.Spec spec(JsonParser p) throws IOException {
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      return null;
    }
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      p.skipChildren();
      return Pod.Spec.NOT_AN_OBJECT;
    }
    Pod.Containers init = null;
    Pod.Containers containers = null;
    Pod.Containers ephemeral = null;
    List<String> pullSecrets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "initContainers" -> init = containers(p);
        case "containers" -> containers = containers(p);
        case "ephemeralContainers" -> ephemeral = containers(p);
        case "imagePullSecrets" -> pullSecrets = pullSecrets(p);
        default -> p.skipChildren();
      }
    }
    return new Pod.Spec(true, init, containers, ephemeral, pullSecrets);
  }

  /** Null for JSON null (as if absent). */
  private static Pod.Containers containers(JsonParser p) throws IOException {
    if (p.hasToken(JsonToken.VALUE_NULL)) {
      return null;
    }
    if (!p.hasToken(JsonToken.START_ARRAY)) {
      p.skipChildren();
      return Pod.Containers.NOT_A_LIST;
    }
    List<Pod.Container> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      items.add(container(p));
    }
    return new Pod.Containers(true, items);
  }

  private static Pod.Container container(JsonParser p) throws IOException {
    if (!p.hasToken(JsonToken.START_OBJECT)) {
      p.skipChildren();
      return Pod.Container.NOT_AN_OBJECT;
    }
    String name = "";
    String image = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "name" -> name = text(p, "");
        case "image" -> {
          image = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : null;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    return new Pod.Container(true, name, image);
  }

  /** The entries' names ("" for an entry without one); null when the value is not a list. */
  private static List<String> pullSecrets(JsonParser p) throws IOException {
    if (!p.hasToken(JsonToken.START_ARRAY)) {
      p.skipChildren();
      return null;
    }
    List<String> names = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String name = "";
      if (p.hasToken(JsonToken.START_OBJECT)) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("name")) {
            name = text(p, "");
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
      names.add(name);
    }
    return names;
  }

  /**
   * The current value as the tree's {@code asText} spelled it: {@code ifNull} for JSON null ("null"
   * for {@code asText()}, the default for {@code asText(default)}), "" for an object or array.
   */
  private static String text(JsonParser p, String ifNull) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return ifNull;
    }
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return "";
    }
    return p.<JsonNode>readValueAsTree().asText();
  }

  /** The current value as the tree's {@code asBoolean(false)} read it. */
  private static boolean bool(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_NULL || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return false;
    }
    return p.<JsonNode>readValueAsTree().asBoolean(false);
  }

  /** Whether every byte is ASCII: eight at a time, as this is on every review's path. */
  private static boolean ascii(byte[] body) {
    int i = 0;
    for (; i + Long.BYTES <= body.length; i += Long.BYTES) {
      if (((long) LONGS.get(body, i) & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < body.length; i++) {
      if (body[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code body} holds the UTF-8 form of a surrogate: ED A0..BF. */
  private static boolean encodesSurrogate(byte[] body) {
    for (int i = 0; i + 1 < body.length; i++) {
      if (body[i] == (byte) 0xED && (body[i + 1] & 0xE0) == 0xA0) {
        return true;
      }
    }
    return false;
  }

  /** The tree's node type for a value starting with {@code t}, in lower case. */
  private static String shape(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> throw new IllegalStateException("not a value: " + t);
    };
  }
}
