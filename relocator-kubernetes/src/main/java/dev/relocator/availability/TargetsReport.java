package dev.relocator.availability;

import dev.relocator.image.ImageReference;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code TargetsAvailable} condition of one map: True when every checkable target was found,
 * False with the count and the first ten missing, Unknown while some were not answered. A map
 * with missing targets stays in force: this informs, it does not block.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason {@code AllFound}, {@code TargetsMissing}, {@code NotChecked} or {@code NothingToCheck}
 * @param message the sentence saying what was found
 * @param missing every missing target
 */
public record TargetsReport(String status, String reason, String message, List<ImageReference> missing) {

  /** The condition type. */
  public static final String TYPE = "TargetsAvailable";
  private static final int LISTED = 10;

  public TargetsReport {
    missing = List.copyOf(missing);
  }

  /** The report for a map with {@code targets}, from the round's answers. */
  public static TargetsReport of(List<ImageReference> targets, Function<ImageReference, Presence> answers) {
    if (targets.isEmpty()) {
      return new TargetsReport("True", "NothingToCheck",
          "no entry names a tag or digest to check (repository-wide entries and rules are not checked)", List.of());
    }
    List<ImageReference> missing = targets.stream().filter(t -> answers.apply(t) == Presence.MISSING).toList();
    long unknown = targets.stream().filter(t -> answers.apply(t) == Presence.UNKNOWN).count();
    if (!missing.isEmpty()) {
      List<String> first = missing.stream().limit(LISTED).map(ImageReference::familiarString).toList();
      String message = missing.size() + " of " + targets.size() + " targets missing: " + String.join(", ", first)
          + (missing.size() > LISTED ? " and " + (missing.size() - LISTED) + " more" : "")
          + (unknown > 0 ? "; " + unknown + " not checked yet" : "") + "; the map stays in force";
      return new TargetsReport("False", "TargetsMissing", message, missing);
    }
    if (unknown > 0) {
      return new TargetsReport("Unknown", "NotChecked",
          unknown + " of " + targets.size() + " targets not checked yet (registry budget, or no clear answer)", List.of());
    }
    return new TargetsReport("True", "AllFound", "all " + targets.size() + " targets found", List.of());
  }
}
