package dev.relocator.oci.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the referrers index the distribution spec's fallback tag ({@code sha256-<hex>}) holds:
 * an OCI index whose entries are the referrers' descriptors with their {@code artifactType} and
 * annotations. Entries already there are kept exactly as they are.
 */
public final class ReferrersIndexJson {
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private ReferrersIndexJson() {}

  /**
   * {@code existing} (an index's bytes; empty: none yet) with every entry of {@code referrers}
   * whose digest it lacks appended; empty when nothing was missing.
   */
  public static Optional<byte[]> merge(Optional<byte[]> existing, List<DescriptorTemplate> referrers) throws IOException {
    ObjectNode index;
    if (existing.isPresent()) {
      JsonNode node = JsonMappers.plain().readTree(existing.get());
      if (!(node instanceof ObjectNode object)) {
        throw new IOException("a referrers index must be a JSON object");
      }
      index = object;
    } else {
      index = JsonMappers.plain().createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", OCI_INDEX);
      index.putArray("manifests");
    }
    ArrayNode manifests = index.withArray("manifests");
    Set<String> present = new HashSet<>();
    manifests.forEach(entry -> present.add(entry.path("digest").asText()));
    boolean changed = existing.isEmpty();
    for (DescriptorTemplate referrer : referrers) {
      if (present.add(referrer.digest())) {
        manifests.add(entry(referrer));
        changed = true;
      }
    }
    return changed ? Optional.of(JsonMappers.plain().writeValueAsBytes(index)) : Optional.empty();
  }

  private static ObjectNode entry(DescriptorTemplate referrer) {
    ObjectNode entry = JsonMappers.plain().createObjectNode();
    entry.put("mediaType", referrer.mediaType());
    entry.put("digest", referrer.digest());
    entry.put("size", referrer.size());
    if (referrer.artifactType() != null) {
      entry.put("artifactType", referrer.artifactType());
    }
    if (referrer.annotations() != null && !referrer.annotations().isEmpty()) {
      ObjectNode annotations = entry.putObject("annotations");
      for (Map.Entry<String, String> a : referrer.annotations().entrySet()) {
        annotations.put(a.getKey(), a.getValue());
      }
    }
    return entry;
  }
}
