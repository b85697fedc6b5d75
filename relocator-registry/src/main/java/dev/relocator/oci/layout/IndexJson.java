package dev.relocator.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the image names of a layout's {@code index.json}, wherever the layout is stored. */
final class IndexJson {
  private IndexJson() {}

  /** The descriptor named {@code refName}; the last entry wins, as {@link OciLayout#tag} keeps one. */
  static Optional<Descriptor> resolve(JsonNode index, String refName) {
    Descriptor found = null;
    for (JsonNode entry : index.path("manifests")) {
      if (refName.equals(entry.path("annotations").path(OciLayout.REF_NAME).asText(null))) {
        found = Descriptor.of(entry.path("mediaType").asText(null), Digest.parse(entry.path("digest").asText()),
            entry.path("size").asLong(-1));
      }
    }
    return Optional.ofNullable(found);
  }

  /** Every name in {@code index}, in order. */
  static List<String> refNames(JsonNode index) {
    List<String> names = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      String name = entry.path("annotations").path(OciLayout.REF_NAME).asText(null);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  /** The digests of the entries that have no name: nothing can refer to them to copy them. */
  static List<String> unnamedDigests(JsonNode index) {
    List<String> digests = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      if (entry.path("annotations").path(OciLayout.REF_NAME).asText(null) == null) {
        digests.add(entry.path("digest").asText("(no digest)"));
      }
    }
    return digests;
  }
}
