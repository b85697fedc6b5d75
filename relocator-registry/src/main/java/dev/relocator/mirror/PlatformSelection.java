package dev.relocator.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.Platform;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.RegistryRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which entries of an index to copy, at any depth: an entry that is itself an index (legal in OCI)
 * is selected recursively. With no filter, everything, and every index is kept byte for byte. With
 * a filter that drops image entries, each index that loses some must be rewritten without them, and
 * its parents to point at the rewritten child, so digests change; {@link #note} says so, with the
 * top's digests.
 *
 * @param index the index to store at the target (the source's own when nothing was dropped)
 * @param selected the image entries to copy, at any depth, in index order
 * @param nested the nested indexes to store (as rewritten), children before parents
 */
record PlatformSelection(Manifest index, List<Descriptor> selected, List<Manifest> nested, Optional<String> note) {
  /** Deeper nesting is refused: no real image needs it, and it bounds the work a source can cause. */
  static final int MAX_DEPTH = 8;

  /** One index as selected: what to store, its selected image entries and nested indexes, and its total count. */
  private record Level(Manifest stored, List<Descriptor> selected, List<Manifest> nested, int total) {}

  /** Selects within a one-level index, whose entries are all image manifests. */
  static PlatformSelection select(Manifest index, List<Platform> filters, String where) {
    return select(index, filters, digest -> {
      throw RegistryRejectedException.invalid(where + ": index entry " + digest + " is itself an index");
    }, where);
  }

  /** Selects within {@code index}, reading nested indexes with {@code pull}. */
  static PlatformSelection select(Manifest index, List<Platform> filters, Function<Digest, Manifest> pull, String where) {
    Level level = level(index, filters, pull, where, 1);
    if (level.selected().isEmpty()) {
      throw RegistryRejectedException.invalid(where + ": no platform matches " + filters + " (index has "
          + platforms(all(index, pull, where)) + ")");
    }
    Optional<String> note = Optional.empty();
    if (!level.stored().digest().equals(index.digest())) {
      note = Optional.of("index rewritten with " + level.selected().size() + " of " + level.total() + " platforms "
          + platforms(level.selected()) + ": digest " + index.digest() + " -> " + level.stored().digest()
          + " (the target does not carry the source digest)");
    }
    return new PlatformSelection(level.stored(), level.selected(), level.nested(), note);
  }

  private static Level level(Manifest index, List<Platform> filters, Function<Digest, Manifest> pull, String where,
      int depth) {
    List<Descriptor> selected = new ArrayList<>();
    List<Manifest> nested = new ArrayList<>();
    // Source digest of each kept entry -> the descriptor it is stored under (changed for a rewritten child).
    Map<Digest, Descriptor> kept = new LinkedHashMap<>();
    int total = 0;
    int keptEntries = 0;
    for (Descriptor entry : index.manifests()) {
      if (MediaTypes.isIndex(entry.mediaType())) {
        if (depth >= MAX_DEPTH) {
          throw RegistryRejectedException.invalid(where + ": index " + entry.digest() + " is nested deeper than "
              + MAX_DEPTH + " levels; refusing to follow it (no real image nests that deep)");
        }
        Manifest child = pull.apply(entry.digest());
        if (!child.isIndex()) {
          throw RegistryRejectedException.invalid(where + ": index entry " + entry.digest() + " says media type "
              + entry.mediaType() + " but is " + child.mediaType());
        }
        Level sub = level(child, filters, pull, where, depth + 1);
        total += sub.total();
        if (!sub.selected().isEmpty()) {
          selected.addAll(sub.selected());
          nested.addAll(sub.nested());
          nested.add(sub.stored());
          kept.put(entry.digest(), new Descriptor(entry.mediaType(), sub.stored().digest(), sub.stored().size(),
              entry.platform()));
          keptEntries++;
        }
        continue;
      }
      total++;
      if (filters.isEmpty() || (entry.platform() != null && filters.stream().anyMatch(f -> f.selects(entry.platform())))) {
        selected.add(entry);
        kept.put(entry.digest(), entry);
        keptEntries++;
      }
    }
    boolean unchanged = keptEntries == index.manifests().size()
        && kept.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue().digest()));
    Manifest stored = unchanged || kept.isEmpty() ? index : rewrite(index, kept, where);
    return new Level(stored, selected, nested, total);
  }

  /**
   * The same JSON document with only the {@code kept} entries in {@code manifests}, each pointing at
   * its stored digest and size; other fields kept in order.
   */
  private static Manifest rewrite(Manifest index, Map<Digest, Descriptor> kept, String where) {
    try {
      ObjectNode root = (ObjectNode) JsonMappers.plain().readTree(index.bytes());
      ArrayNode entries = JsonMappers.plain().createArrayNode();
      for (JsonNode entry : root.withArray("manifests")) {
        Descriptor stored = kept.get(Digest.parse(entry.path("digest").asText()));
        if (stored != null) {
          ObjectNode copy = ((ObjectNode) entry).deepCopy();
          if (!stored.digest().toString().equals(entry.path("digest").asText())) {
            copy.put("digest", stored.digest().toString());
            copy.put("size", stored.size());
          }
          entries.add(copy);
        }
      }
      root.set("manifests", entries);
      return Manifest.parse(JsonMappers.plain().writeValueAsBytes(root), index.mediaType(), where);
    } catch (IOException e) {
      throw RegistryRejectedException.invalid(where + ": cannot rewrite index: " + e.getMessage());
    }
  }

  /** Every image entry below {@code index}, for the message when nothing matches. */
  private static List<Descriptor> all(Manifest index, Function<Digest, Manifest> pull, String where) {
    return level(index, List.of(), pull, where, 1).selected();
  }

  static List<Platform> platforms(List<Descriptor> entries) {
    return entries.stream().map(Descriptor::platform).filter(p -> p != null).collect(Collectors.toList());
  }

  Digest digest() {
    return index.digest();
  }
}
