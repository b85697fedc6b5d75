package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.List;

/** Turns the entries of a spec, as written, into validated {@link Mapping}s, once. */
final class EntryParser {

  private EntryParser() {}

  /** Parsed entries, or the first problem (then {@code entries} is empty). */
  record Parsed(List<Mapping> entries, String problem) {}

  /** The entries, or the first problem as an {@code Invalid} message naming {@code map[i]}. */
  static Parsed parse(List<MapSpec.Entry> entries) {
    List<Mapping> out = new ArrayList<>(entries == null ? 0 : entries.size());
    if (entries == null) {
      return new Parsed(out, null);
    }
    for (int i = 0; i < entries.size(); i++) {
      MapSpec.Entry e = entries.get(i);
      if (e == null) {
        return new Parsed(List.of(), "map[" + i + "]: entry is empty");
      }
      ImageReference from;
      ImageReference to;
      try {
        from = ImageReference.parseField(e.from(), "map[" + i + "].from");
        to = ImageReference.parseField(e.to(), "map[" + i + "].to");
      } catch (IllegalArgumentException problem) {
        return new Parsed(List.of(), problem.getMessage());
      }
      Mapping m = new Mapping(from, to);
      if (m.repositoryWide() && (to.tag().isPresent() || to.digest().isPresent())) {
        return new Parsed(List.of(), "map[" + i + "]: from \"" + e.from()
            + "\" names a whole repository, so to \"" + e.to() + "\" must not carry a tag or digest");
      }
      out.add(m);
    }
    return new Parsed(out, null);
  }
}
