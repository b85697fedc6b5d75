package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.imagemap.api.MapEntry;
import java.util.ArrayList;
import java.util.List;

/** Turns the wire entries of a spec into validated {@link Mapping}s at the edge, once. */
final class EntryParser {

  private EntryParser() {}

  /** Parsed entries, or the first problem (then {@code entries} is empty). */
  record Parsed(List<Mapping> entries, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  /** The entries, or the first problem as an {@code Invalid} message naming {@code map[i]}. */
  static Parsed parse(List<MapEntry> entries) {
    List<Mapping> out = new ArrayList<>(entries == null ? 0 : entries.size());
    if (entries == null) {
      return new Parsed(out, null);
    }
    for (int i = 0; i < entries.size(); i++) {
      MapEntry e = entries.get(i);
      if (e == null) {
        return new Parsed(List.of(), "map[" + i + "]: entry is empty");
      }
      ImageReference from;
      ImageReference to;
      try {
        from = reference(e.getFrom(), "map[" + i + "].from");
        to = reference(e.getTo(), "map[" + i + "].to");
      } catch (IllegalArgumentException problem) {
        return new Parsed(List.of(), problem.getMessage());
      }
      Mapping m = new Mapping(from, to);
      if (m.repositoryWide() && (to.tag().isPresent() || to.digest().isPresent())) {
        return new Parsed(List.of(), "map[" + i + "]: from \"" + e.getFrom()
            + "\" names a whole repository, so to \"" + e.getTo() + "\" must not carry a tag or digest");
      }
      out.add(m);
    }
    return new Parsed(out, null);
  }

  /** The entries that parse, for maps already accepted. */
  static List<Mapping> parseLenient(List<MapEntry> entries) {
    List<Mapping> out = new ArrayList<>();
    if (entries != null) {
      for (MapEntry e : entries) {
        try {
          out.add(new Mapping(ImageReference.parse(e.getFrom()), ImageReference.parse(e.getTo())));
        } catch (RuntimeException skipped) {
          // an accepted map was valid when accepted; a changed parser must not break serving
        }
      }
    }
    return out;
  }

  private static ImageReference reference(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
    try {
      return ImageReference.parse(text);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }
}
