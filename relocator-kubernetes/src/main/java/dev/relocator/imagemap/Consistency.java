package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.AcceptedMaps.Owned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides whether an ImageMap may be put in force next to the maps already in force in its scope.
 * A pure function: no I/O, no clock. Rejected maps are {@code Invalid} on their own (bad
 * references, self-maps, internal disagreements or chains, rewrite rules the engine refuses or
 * that would relocate their own output again) or in {@code Conflict} with a map in force (the
 * same reference sent to two places, or a chain across maps); the message names the other map
 * and the reference. Rules are not compared across maps: exact entries of every map in scope
 * apply before any rule, and rules apply in a fixed order (see {@link MappingCatalog}).
 */
final class Consistency {

  private Consistency() {}

  /**
   * Checks {@code candidate}'s spec against {@code accepted}, looking only at the maps
   * {@code inScope} accepts; the candidate's own entries in force are ignored, as the spec would
   * replace them.
   */
  public static Verdict check(
      MapId candidate, MapSpec spec, AcceptedMaps accepted, Predicate<MapId> inScope) {
    if (spec.rulesProblem() != null) {
      return Verdict.invalid(spec.rulesProblem());
    }
    MapRules rules = spec.rules();
    if (rules != null) {
      String again = RuleSet.reRelocation(rules.rewrite());
      if (again != null) {
        return Verdict.invalid(again);
      }
    }
    if (spec.entriesProblem() != null) {
      return Verdict.invalid(spec.entriesProblem());
    }
    List<Mapping> entries = spec.entries();
    if (entries.isEmpty() && rules == null) {
      // Whatever removed them (a misspelt key, pruned by the API server), accepting an empty map
      // would withdraw every image its last generation relocated.
      return Verdict.invalid("no entries and no rules: is \"map:\" misspelt?");
    }
    String problem = checkAlone(entries);
    if (problem != null) {
      return Verdict.invalid(problem);
    }
    problem = conflict(candidate, entries, accepted, inScope);
    return problem == null ? Verdict.accepted(entries, rules) : Verdict.conflict(problem);
  }

  /**
   * The first conflict of {@code owner}'s {@code entries} with the maps in force that
   * {@code inScope} accepts (its own ignored), or null: the message {@link #check} gives.
   */
  static String conflict(
      MapId owner, List<Mapping> entries, AcceptedMaps accepted, Predicate<MapId> inScope) {
    Predicate<Owned> other = o -> !o.owner().equals(owner) && inScope.test(o.owner());
    for (int i = 0; i < entries.size(); i++) {
      String problem = checkAgainst(i, entries.get(i), accepted, other);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** Self-maps, disagreements and chains within one map. */
  private static String checkAlone(List<Mapping> entries) {
    Map<String, List<Integer>> byFromName = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Mapping m = entries.get(i);
      if (m.fromPattern().overlaps(m.toPattern())) {
        return "map[" + i + "]: \"" + m.from().familiarString() + "\" maps to itself (to \""
            + m.to().familiarString() + "\")";
      }
      byFromName.computeIfAbsent(m.from().name(), k -> new ArrayList<>()).add(i);
    }
    for (int i = 0; i < entries.size(); i++) {
      Mapping m = entries.get(i);
      for (int j : byFromName.getOrDefault(m.from().name(), List.of())) {
        if (j > i && disagree(m, entries.get(j))) {
          ImageReference probe = probe(m, entries.get(j));
          return "map[" + i + "] and map[" + j + "] map \"" + probe.familiarString()
              + "\" to different images: \"" + m.apply(probe).familiarString() + "\" and \""
              + entries.get(j).apply(probe).familiarString() + "\"";
        }
      }
      for (int j : byFromName.getOrDefault(m.to().name(), List.of())) {
        if (j != i && m.toPattern().overlaps(entries.get(j).fromPattern())) {
          return "map[" + i + "] maps \"" + m.from().familiarString() + "\" to \""
              + m.to().familiarString() + "\", which map[" + j + "] maps on to \""
              + entries.get(j).to().familiarString() + "\": chains are not allowed";
        }
      }
    }
    return null;
  }

  private static String checkAgainst(
      int i, Mapping m, AcceptedMaps accepted, Predicate<Owned> inScope) {
    for (Owned o : accepted.withFromName(m.from().name())) {
      if (inScope.test(o) && disagree(m, o.mapping())) {
        Mapping theirs = o.mapping();
        ImageReference probe = probe(m, theirs);
        return "map[" + i + "] maps \"" + probe.familiarString() + "\" to \""
            + m.apply(probe).familiarString() + "\", but " + o.owner() + " (map["
            + o.index() + "]) maps it to \"" + theirs.apply(probe).familiarString() + "\"";
      }
    }
    for (Owned o : accepted.withFromName(m.to().name())) {
      if (inScope.test(o) && m.toPattern().overlaps(o.mapping().fromPattern())) {
        return "map[" + i + "] maps \"" + m.from().familiarString() + "\" to \""
            + m.to().familiarString() + "\", which " + o.owner() + " (map[" + o.index()
            + "]) maps on to \"" + o.mapping().to().familiarString() + "\": chains are not allowed";
      }
    }
    for (Owned o : accepted.withToName(m.from().name())) {
      if (inScope.test(o) && o.mapping().toPattern().overlaps(m.fromPattern())) {
        return o.owner() + " (map[" + o.index() + "]) maps \""
            + o.mapping().from().familiarString() + "\" to \"" + o.mapping().to().familiarString()
            + "\", which map[" + i + "] maps on to \"" + m.to().familiarString()
            + "\": chains are not allowed";
      }
    }
    return null;
  }

  /**
   * Whether two entries would relocate some image differently: probing with the more specific
   * {@code from} covers both same-key entries and a repository-wide entry against a tag or digest
   * entry of that repository.
   */
  static boolean disagree(Mapping a, Mapping b) {
    if (!a.fromPattern().overlaps(b.fromPattern())) {
      return false;
    }
    ImageReference probe = probe(a, b);
    return !a.apply(probe).equals(b.apply(probe));
  }

  /** The image two overlapping entries both match: the more specific {@code from}. */
  static ImageReference probe(Mapping a, Mapping b) {
    return a.repositoryWide() ? b.from() : a.from();
  }
}
