package dev.relocator.vector;

import dev.relocator.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds overwrite entries no find can select, and those that an untouched base entry still
 * beats for some finds they match. For each name it probes every combination of the versions
 * around each bound the entries' constraints mention (and "no version"), and every architecture
 * they mention (and "none").
 */
final class Reachability {
  /** A version, partial version or wildcard inside a constraint: 1, 1.20, 1.20.x, v1.2.3. */
  private static final Pattern BOUND = Pattern.compile("(\\d+)(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?");

  private Reachability() {}

  static List<Diagnostic> check(ImageVector merged, Map<Integer, ImageSource> appended, Set<Integer> untouchedBase) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, List<FindOptions>> probesByName = new HashMap<>();
    for (Map.Entry<Integer, ImageSource> item : appended.entrySet()) {
      int index = item.getKey();
      ImageSource entry = item.getValue();
      List<FindOptions> probes =
          probesByName.computeIfAbsent(String.valueOf(entry.name()), name -> probes(merged.entriesNamed(name)));
      Map<Integer, Integer> beatenBy = new HashMap<>();
      boolean wins = false;
      boolean matchesAny = false;
      FindOptions shadowedAt = null;
      int shadowedBy = -1;
      for (FindOptions probe : probes) {
        if (merged.score(index, probe) == Candidate.NO_MATCH) {
          continue;
        }
        matchesAny = true;
        int winner = merged.winnerIndex(entry.name(), probe);
        if (winner == index) {
          wins = true;
          continue;
        }
        beatenBy.merge(winner, 1, Integer::sum);
        // Shadowing only counts for finds that ask every version some entry constrains:
        // a find without a version is not what a versioned deployment does.
        if (shadowedAt == null && untouchedBase.contains(winner) && asksWhatMatters(probe, probes)) {
          shadowedAt = probe;
          shadowedBy = winner;
        }
      }
      if (!wins) {
        out.add(warning(entry, merged, matchesAny, beatenBy, untouchedBase));
      } else if (shadowedAt != null) {
        ImageSource base = merged.entries().get(shadowedBy);
        Origin o = entry.origin();
        out.add(Diagnostic.warning(o.source(), o.line(), o.path(),
            "overwrite entry for \"" + entry.name() + "\"" + describeKey(entry) + " is appended, not merged, and the base entry at "
                + base.origin().where() + describeKey(base) + " still wins some finds (for example " + shadowedAt
                + "), which keep its image (" + describeImage(base) + "); to replace that entry, repeat its name, "
                + "runtimeVersion, targetVersion, version constraint and architectures exactly"));
      }
    }
    return out;
  }

  /**
   * Entries of one vector that no find can select, because an earlier entry always scores at
   * least as high (ties go to the earliest), or because they match nothing.
   */
  static List<Diagnostic> neverSelected(ImageVector vector) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, List<FindOptions>> probesByName = new HashMap<>();
    List<ImageSource> entries = vector.entries();
    for (int index = 0; index < entries.size(); index++) {
      ImageSource entry = entries.get(index);
      if (entry.name() == null || vector.entriesNamed(entry.name()).size() < 2) {
        continue;
      }
      List<FindOptions> probes = probesByName.computeIfAbsent(entry.name(), name -> probes(vector.entriesNamed(name)));
      Map<Integer, Integer> beatenBy = new HashMap<>();
      boolean wins = false;
      for (FindOptions probe : probes) {
        if (vector.score(index, probe) == Candidate.NO_MATCH) {
          continue;
        }
        int winner = vector.winnerIndex(entry.name(), probe);
        if (winner == index) {
          wins = true;
          break;
        }
        beatenBy.merge(winner, 1, Integer::sum);
      }
      if (wins || beatenBy.isEmpty()) {
        continue; // an entry that matches nothing at all is left to the validation of its fields
      }
      int winner = beatenBy.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      ImageSource base = entries.get(winner);
      Origin o = entry.origin();
      out.add(Diagnostic.warning(o.source(), o.line(), o.path(),
          "entry for \"" + entry.name() + "\"" + describeKey(entry) + " is never selected: the entry at "
              + base.origin().where() + describeKey(base) + " scores at least as high on every find it matches, "
              + "and ties go to the earliest entry; narrow that entry's constraints or move this one before it"));
    }
    return out;
  }

  private static Diagnostic warning(
      ImageSource entry, ImageVector merged, boolean matchesAny, Map<Integer, Integer> beatenBy, Set<Integer> untouchedBase) {
    Origin o = entry.origin();
    String what = "overwrite entry for \"" + entry.name() + "\"" + describeKey(entry) + " is appended, not merged, and no find can select it: ";
    if (!matchesAny) {
      return Diagnostic.warning(o.source(), o.line(), o.path(), what + "its versions and architectures match nothing");
    }
    // Name a base entry the overwrite failed to replace when there is one: that is the trap.
    int winner =
        beatenBy.entrySet().stream()
            .max(java.util.Comparator.comparing((Map.Entry<Integer, Integer> e) -> untouchedBase.contains(e.getKey()))
                .thenComparing(Map.Entry::getValue))
            .orElseThrow()
            .getKey();
    ImageSource base = merged.entries().get(winner);
    return Diagnostic.warning(
        o.source(),
        o.line(),
        o.path(),
        what + (beatenBy.size() == 1 ? "" : "each find it matches goes to an earlier entry; for example ")
            + "the entry at " + base.origin().where() + describeKey(base)
            + (beatenBy.size() == 1 ? " always wins" : " wins") + ", so its image ("
            + describeImage(base) + ") stays in use; to replace that entry, repeat its name, "
            + "runtimeVersion, targetVersion, version constraint and architectures exactly");
  }

  private static String describeKey(ImageSource e) {
    List<String> parts = new ArrayList<>();
    if (e.runtimeVersion() != null) {
      parts.add("runtimeVersion \"" + e.runtimeVersion() + "\"");
    }
    if (e.targetVersion() != null) {
      parts.add("targetVersion \"" + e.targetVersion() + "\"");
    }
    if (e.versionConstraint() != null) {
      parts.add("version \"" + e.versionConstraint() + "\"");
    }
    if (e.architectures() != null) {
      parts.add("architectures " + e.architectures());
    }
    return parts.isEmpty() ? " (no constraints)" : " (" + String.join(", ", parts) + ")";
  }

  private static String describeImage(ImageSource e) {
    if (e.ref() != null) {
      return e.ref();
    }
    return new Image(e.name(), e.repository(), e.tag(), null, null, e).toString();
  }

  private static boolean asksWhatMatters(FindOptions probe, List<FindOptions> probes) {
    FindOptions first = probes.get(0);
    return (first.runtimeVersion() == null || probe.runtimeVersion() != null)
        && (first.targetVersion() == null || probe.targetVersion() != null);
  }

  /** Every combination of runtime version, target version and architecture worth trying. */
  static List<FindOptions> probes(List<ImageSource> entries) {
    Set<String> runtime = new LinkedHashSet<>();
    Set<String> target = new LinkedHashSet<>();
    Set<String> archs = new LinkedHashSet<>();
    archs.addAll(Candidate.DEFAULT_ARCHITECTURES);
    for (ImageSource e : entries) {
      around(e.runtimeVersion(), runtime);
      around(e.targetVersion(), target);
      around(e.versionConstraint(), target);
      if (e.architectures() != null) {
        archs.addAll(e.architectures());
      }
    }
    // "not asked" last, so the first example a warning quotes names real versions
    runtime.add(null);
    target.add(null);
    archs.add(null);
    List<FindOptions> out = new ArrayList<>();
    for (String r : runtime) {
      for (String t : target) {
        for (String a : archs) {
          out.add(FindOptions.of(r, t, a));
        }
      }
    }
    return out;
  }

  /** The versions just below, at and just above each bound in {@code constraint}. */
  private static void around(String constraint, Set<String> out) {
    if (constraint == null) {
      return;
    }
    Matcher m = BOUND.matcher(constraint);
    while (m.find()) {
      int major = Integer.parseInt(m.group(1));
      Integer minor = number(m.group(2));
      Integer patch = number(m.group(3));
      int mi = minor == null ? 0 : minor;
      int pa = patch == null ? 0 : patch;
      add(out, major, mi, pa);
      add(out, major, mi, pa + 1);
      add(out, major, mi, pa - 1);
      add(out, major, mi, 999);
      add(out, major, mi + 1, 0);
      add(out, major, mi - 1, 999);
      add(out, major + 1, 0, 0);
      add(out, major - 1, 999, 999);
    }
  }

  private static void add(Set<String> out, int major, int minor, int patch) {
    if (major >= 0 && minor >= 0 && patch >= 0) {
      out.add(major + "." + minor + "." + patch);
    }
  }

  private static Integer number(String text) {
    if (text == null || !Character.isDigit(text.charAt(0))) {
      return null;
    }
    return Integer.valueOf(text);
  }
}
