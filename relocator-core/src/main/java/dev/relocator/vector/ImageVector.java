package dev.relocator.vector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image vector: Gardener's ordered list of image entries, its optional {@code caBundle} and
 * any unknown top-level keys. Immutable; entries are indexed by name so a find looks only at the
 * entries of that name.
 */
public final class ImageVector {
  private static final ImageVector EMPTY = new ImageVector(List.of(), null, Map.of());

  private final List<ImageSource> entries;
  private final CaBundle caBundle;
  private final Map<String, Object> extra;
  private final Map<String, Candidate[]> byName;
  private final Candidate[] all;

  private ImageVector(List<ImageSource> entries, CaBundle caBundle, Map<String, Object> extra) {
    this.entries = List.copyOf(entries);
    this.caBundle = caBundle;
    this.extra = Yamls.copyOf(extra);
    Map<String, List<Candidate>> groups = new HashMap<>();
    this.all = new Candidate[this.entries.size()];
    for (int i = 0; i < this.entries.size(); i++) {
      ImageSource source = this.entries.get(i);
      all[i] = new Candidate(source, i);
      groups.computeIfAbsent(String.valueOf(source.name()), k -> new ArrayList<>()).add(all[i]);
    }
    Map<String, Candidate[]> index = new HashMap<>(groups.size() * 2);
    groups.forEach((name, list) -> index.put(name, list.toArray(Candidate[]::new)));
    this.byName = index;
  }

  public static ImageVector empty() {
    return EMPTY;
  }

  public static ImageVector of(List<ImageSource> entries) {
    return new ImageVector(entries, null, Map.of());
  }

  public static ImageVector of(List<ImageSource> entries, CaBundle caBundle, Map<String, Object> extra) {
    return new ImageVector(entries, caBundle, extra);
  }

  public List<ImageSource> entries() {
    return entries;
  }

  /** The top-level {@code caBundle}, or null. */
  public CaBundle caBundle() {
    return caBundle;
  }

  /** Unknown top-level keys, in file order. */
  public Map<String, Object> extra() {
    return extra;
  }

  /** The distinct entry names in order of first appearance. */
  public List<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (ImageSource source : entries) {
      names.add(source.name());
    }
    return List.copyOf(names);
  }

  /** The entries called {@code name}, in vector order. */
  public List<ImageSource> entriesNamed(String name) {
    Candidate[] candidates = byName.get(name);
    if (candidates == null) {
      return List.of();
    }
    List<ImageSource> out = new ArrayList<>(candidates.length);
    for (Candidate candidate : candidates) {
      out.add(candidate.source);
    }
    return out;
  }

  /**
   * Gardener's find: among the entries called {@code name}, the one with the highest score for
   * {@code options} (ties to the earliest), turned into an image.
   *
   * @throws ImageNotFoundException when no entry of that name matches, saying why each failed
   */
  public Image find(String name, FindOptions options) {
    return findOptional(name, options).orElseThrow(() -> notFound(name, options));
  }

  /** {@link #find} without the exception. */
  public Optional<Image> findOptional(String name, FindOptions options) {
    Candidate best = winner(name, options);
    return best == null ? Optional.empty() : Optional.of(best.toImage(options));
  }

  /** The winning entry's index in {@link #entries()}, or -1; used by the reachability check. */
  int winnerIndex(String name, FindOptions options) {
    Candidate best = winner(name, options);
    return best == null ? -1 : best.index;
  }

  /** The score of entry {@code index} for {@code options}, or {@link Candidate#NO_MATCH}. */
  int score(int index, FindOptions options) {
    return all[index].score(options);
  }

  private Candidate winner(String name, FindOptions options) {
    Candidate[] candidates = byName.get(name);
    if (candidates == null) {
      return null;
    }
    Candidate best = null;
    int bestScore = Candidate.NO_MATCH;
    for (Candidate candidate : candidates) {
      int score = candidate.score(options);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private ImageNotFoundException notFound(String name, FindOptions options) {
    Candidate[] candidates = byName.get(name);
    if (candidates == null) {
      return new ImageNotFoundException("no image named \"" + name + "\" in the vector");
    }
    StringBuilder why = new StringBuilder();
    int shown = 0;
    for (Candidate candidate : candidates) {
      if (shown == 3) {
        why.append("; ...");
        break;
      }
      why.append(shown == 0 ? "" : "; ")
          .append(candidate.source.origin().where())
          .append(": ")
          .append(candidate.whyNot(options));
      shown++;
    }
    return new ImageNotFoundException(
        "no entry of image \"" + name + "\" matches " + options + " (" + candidates.length
            + (candidates.length == 1 ? " entry: " : " entries: ") + why + ")");
  }
}
