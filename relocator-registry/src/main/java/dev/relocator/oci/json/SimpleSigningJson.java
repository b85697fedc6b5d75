package dev.relocator.oci.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads the fields of a simple-signing payload (the JSON cosign signs) that verification needs:
 * {@code critical.type}, {@code critical.identity.docker-reference} and
 * {@code critical.image.docker-manifest-digest}. The bytes checked are the signed ones; this only
 * reads what they say.
 */
public final class SimpleSigningJson {
  /** The payload's claims; any may be null when absent. */
  public record Payload(String type, String dockerReference, String dockerManifestDigest) {}

  private SimpleSigningJson() {}

  public static Payload read(byte[] json) throws IOException {
    JsonNode root = JsonMappers.plain().readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("a simple-signing payload must be a JSON object");
    }
    JsonNode critical = root.path("critical");
    return new Payload(text(critical.path("type")), text(critical.path("identity").path("docker-reference")),
        text(critical.path("image").path("docker-manifest-digest")));
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
