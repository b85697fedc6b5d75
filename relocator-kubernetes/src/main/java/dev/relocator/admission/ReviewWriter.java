package dev.relocator.admission;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the AdmissionReview v1 response body, the one place that wire format is produced: one
 * generator per body, no tree of the envelope and no String of the patch. The patch's bytes are
 * written first and then base64-encoded by the generator straight into the body (Jackson's default
 * variant is RFC 4648's standard alphabet with padding, no line breaks: what the API server
 * decodes). The field order and the compact layout are those of the tree-built body this replaced.
 */
final class ReviewWriter {

  static final String API_VERSION = "admission.k8s.io/v1";

  /** A response's {@code status}: {@code reason} may be null (it is then left out). */
  record Status(int code, String reason, String message) {}

  // Bytes out, no ObjectMapper (serializer provider) on this path. Each factory spells characters
  // outside the BMP as the body did before: the envelope as ObjectMapper's UTF-8 output did (an
  // escaped surrogate pair), the patch and the annotation as JsonNode.toString() did (UTF-8 bytes).
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonFactory TEXT = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  /** The body of a review with a one-container patch and a warning is under 1 KiB. */
  private static final int INITIAL_SIZE = 1024;

  private ReviewWriter() {}

  /**
   * The body allowing the review {@code uid}, with {@code patch} (a JSONPatch array, or null for
   * none) and the first {@code maxWarnings} of {@code warnings} (then "and N more").
   */
  static byte[] allowed(String uid, JsonNode patch, List<String> warnings, int maxWarnings) {
    return write(uid, true, null, patch == null ? null : bytes(patch), warnings, maxWarnings);
  }

  /** The body refusing the review {@code uid} with {@code status}. */
  static byte[] refused(String uid, Status status) {
    return write(uid, false, status, null, List.of(), 0);
  }

  /** {@code node} as compact JSON bytes (UTF-8), as {@link JsonNode#toString()} spells it. */
  static byte[] bytes(JsonNode node) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = TEXT.createGenerator(out, JsonEncoding.UTF8)) {
      node(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }

  private static byte[] write(
      String uid, boolean allowed, Status status, byte[] patch, List<String> warnings, int maxWarnings) {
    ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_SIZE);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("apiVersion", API_VERSION);
      g.writeStringField("kind", "AdmissionReview");
      g.writeObjectFieldStart("response");
      g.writeStringField("uid", uid);
      g.writeBooleanField("allowed", allowed);
      if (status != null) {
        g.writeObjectFieldStart("status");
        g.writeNumberField("code", status.code());
        if (status.reason() != null) {
          g.writeStringField("reason", status.reason());
        }
        g.writeStringField("message", status.message());
        g.writeEndObject();
      }
      if (patch != null) {
        g.writeStringField("patchType", "JSONPatch");
        g.writeFieldName("patch");
        g.writeBinary(patch);
      }
      if (!warnings.isEmpty()) {
        g.writeArrayFieldStart("warnings");
        int shown = Math.min(warnings.size(), maxWarnings);
        for (int i = 0; i < shown; i++) {
          g.writeString(warnings.get(i));
        }
        if (warnings.size() > maxWarnings) {
          g.writeString("and " + (warnings.size() - maxWarnings) + " more");
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toByteArray();
  }

  /** The patch's nodes are objects, arrays and strings; anything else goes through the mapper. */
  private static void node(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        g.writeFieldName(field.getKey());
        node(g, field.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        node(g, element);
      }
      g.writeEndArray();
    } else {
      AdmissionHandler.MAPPER.writeTree(g, node);
    }
  }
}
