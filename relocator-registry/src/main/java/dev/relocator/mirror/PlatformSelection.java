package dev.relocator.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.image.Digest;
import dev.relocator.registry.Descriptor;
import dev.relocator.registry.Manifest;
import dev.relocator.registry.Platform;
import dev.relocator.registry.RegistryRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which entries of an index to copy. With no filter, all of them, and the index is kept byte for
 * byte. With a filter that drops entries, the index must be rewritten without them, so its digest
 * changes; {@link #note} says so, with both digests.
 *
 * @param index the index to store at the target (the source's own when nothing was dropped)
 * @param selected the entries to copy, in index order
 */
record PlatformSelection(Manifest index, List<Descriptor> selected, Optional<String> note) {
  /** Built on first use (a rewrite): it costs a fresh JVM some 50 ms, and most runs rewrite nothing. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }


  static PlatformSelection select(Manifest index, List<Platform> filters, String where) {
    List<Descriptor> all = index.manifests();
    if (filters.isEmpty()) {
      return new PlatformSelection(index, all, Optional.empty());
    }
    List<Descriptor> selected = new ArrayList<>();
    for (Descriptor entry : all) {
      if (entry.platform() != null && filters.stream().anyMatch(f -> f.selects(entry.platform()))) {
        selected.add(entry);
      }
    }
    if (selected.isEmpty()) {
      throw new RegistryRejectedException(where + ": no platform matches " + filters + " (index has "
          + platforms(all) + ")", 0, List.of());
    }
    if (selected.size() == all.size()) {
      return new PlatformSelection(index, all, Optional.empty());
    }
    Manifest rewritten = rewrite(index, selected, where);
    String note = "index rewritten with " + selected.size() + " of " + all.size() + " platforms " + platforms(selected)
        + ": digest " + index.digest() + " -> " + rewritten.digest()
        + " (the target does not carry the source digest)";
    return new PlatformSelection(rewritten, selected, Optional.of(note));
  }

  /** The same JSON document with only {@code keep} in {@code manifests}; other fields kept in order. */
  private static Manifest rewrite(Manifest index, List<Descriptor> keep, String where) {
    try {
      ObjectNode root = (ObjectNode) Json.MAPPER.readTree(index.bytes());
      Set<String> digests = new HashSet<>();
      keep.forEach(d -> digests.add(d.digest().toString()));
      ArrayNode kept = Json.MAPPER.createArrayNode();
      for (JsonNode entry : root.withArray("manifests")) {
        if (digests.contains(entry.path("digest").asText())) {
          kept.add(entry);
        }
      }
      root.set("manifests", kept);
      return Manifest.parse(Json.MAPPER.writeValueAsBytes(root), index.mediaType(), where);
    } catch (IOException e) {
      throw new RegistryRejectedException(where + ": cannot rewrite index: " + e.getMessage(), 0, List.of());
    }
  }

  static List<Platform> platforms(List<Descriptor> entries) {
    return entries.stream().map(Descriptor::platform).filter(p -> p != null).collect(Collectors.toList());
  }

  Digest digest() {
    return index.digest();
  }
}
