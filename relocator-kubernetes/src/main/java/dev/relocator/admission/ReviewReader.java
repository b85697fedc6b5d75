package dev.relocator.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * Reads an AdmissionReview body into a tree, leaving out the parts no review reads: the requesting
 * user ({@code request.userInfo}), the operation's options ({@code request.options}) and the pods'
 * {@code metadata.managedFields}. The last is most of a pod's metadata (kubectl's field ownership,
 * nested maps of {@code f:} keys) and, built as a tree, the costliest part of reading a review: on a
 * pod applied with kubectl, the webhook's profile showed the tree read as a third of its Java CPU.
 * The parser still scans the skipped parts, so a malformed body is refused as before; everything
 * else is the tree {@link ObjectMapper#readTree(byte[])} builds.
 */
final class ReviewReader {

  private static final Set<String> REQUEST_SKIPPED = Set.of("userInfo", "options");

  private final ObjectMapper mapper;

  ReviewReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The review without the skipped parts; a body that is not a JSON object is read whole. */
  JsonNode read(byte[] body) throws IOException {
    try (JsonParser p = mapper.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return mapper.readTree(body); // the same verdict as before: not JSON, or not an object
      }
      ObjectNode review = mapper.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        review.set(name, "request".equals(name) ? request(p) : mapper.readTree(p));
      }
      return review;
    }
  }

  private JsonNode request(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return mapper.readTree(p);
    }
    ObjectNode request = mapper.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (REQUEST_SKIPPED.contains(name)) {
        p.skipChildren();
      } else if ("object".equals(name) || "oldObject".equals(name)) {
        request.set(name, withoutManagedFields(p, 0));
      } else {
        request.set(name, mapper.readTree(p));
      }
    }
    return request;
  }

  /** The object at the parser, without {@code metadata.managedFields} (depth 0: the pod, 1: its metadata). */
  private JsonNode withoutManagedFields(JsonParser p, int depth) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return mapper.readTree(p);
    }
    ObjectNode object = mapper.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (depth == 0 && "metadata".equals(name)) {
        object.set(name, withoutManagedFields(p, 1));
      } else if (depth == 1 && "managedFields".equals(name)) {
        p.skipChildren();
      } else {
        object.set(name, mapper.readTree(p));
      }
    }
    return object;
  }
}
