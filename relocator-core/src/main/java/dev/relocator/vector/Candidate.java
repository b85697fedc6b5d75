package dev.relocator.vector;

import dev.relocator.version.Constraint;
import dev.relocator.version.Version;
import java.util.List;

/**
 * An entry prepared for finds: its constraints parsed once and its architectures as an array,
 * so scoring allocates nothing. Scores follow Gardener's {@code FindImage}.
 */
final class Candidate {
  /** Entries without {@code architectures} are multi-arch images for these two. */
  static final List<String> DEFAULT_ARCHITECTURES = List.of("amd64", "arm64");

  /** A request without an architecture asks for this one. */
  static final String DEFAULT_ARCHITECTURE = "amd64";

  static final int NO_MATCH = -1;

  final ImageSource source;
  final int index;
  private final Constraint runtime;
  private final Constraint target;
  private final Constraint versionAsTarget;
  private final int runtimeExact;
  private final int targetExact;
  private final int versionExact;
  private final String[] architectures;
  private final String invalid;

  Candidate(ImageSource source, int index) {
    this.source = source;
    this.index = index;
    List<String> archs = source.architectures() == null ? DEFAULT_ARCHITECTURES : source.architectures();
    this.architectures = archs.toArray(String[]::new);
    Constraint runtimeC = null;
    Constraint targetC = null;
    Constraint versionC = null;
    String problem = null;
    try {
      runtimeC = parse(source.runtimeVersion());
      targetC = parse(source.targetVersion());
      versionC = parse(source.versionConstraint());
    } catch (RuntimeException e) {
      problem = e.getMessage();
    }
    this.runtime = runtimeC;
    this.target = targetC;
    this.versionAsTarget = versionC;
    this.invalid = problem;
    // isExact scans the text; finds are hot, so the answer is kept as the score it gives.
    this.runtimeExact = exactScore(runtimeC);
    this.targetExact = exactScore(targetC);
    this.versionExact = exactScore(versionC);
  }

  private static int exactScore(Constraint constraint) {
    return constraint != null && constraint.isExact() ? 2 : 1;
  }

  private static Constraint parse(String text) {
    return text == null ? null : Constraint.parse(text.trim());
  }

  /** Why this entry cannot take part in finds, or null. */
  String invalid() {
    return invalid;
  }

  /**
   * The entry's score for {@code options}, or {@link #NO_MATCH}: 0/1/2 for runtime and target
   * version (no constraint or no version asked / range / exact), 1/2 for a multi-/single-arch
   * match.
   */
  int score(FindOptions options) {
    if (invalid != null) {
      return NO_MATCH;
    }
    int runtimeScore = versionScore(runtime, runtimeExact, options.runtime());
    if (runtimeScore == NO_MATCH) {
      return NO_MATCH;
    }
    int targetScore = versionScore(target, targetExact, options.target());
    if (targetScore == NO_MATCH) {
      return NO_MATCH;
    }
    // A constraint in `version` constrains the target version too; with both set, both must
    // match and the better of the two scores counts, so adding `version` never lowers a score.
    int versionScore = versionScore(versionAsTarget, versionExact, options.target());
    if (versionScore == NO_MATCH) {
      return NO_MATCH;
    }
    int archScore = architectureScore(options.architecture());
    if (archScore == NO_MATCH) {
      return NO_MATCH;
    }
    return runtimeScore + Math.max(targetScore, versionScore) + archScore;
  }

  private static int versionScore(Constraint constraint, int exactScore, Version asked) {
    if (constraint == null || asked == null) {
      return 0;
    }
    return constraint.matches(asked) ? exactScore : NO_MATCH;
  }

  private int architectureScore(String asked) {
    String wanted = asked == null ? DEFAULT_ARCHITECTURE : asked;
    for (String arch : architectures) {
      if (arch.equals(wanted)) {
        return architectures.length == 1 ? 2 : 1;
      }
    }
    return NO_MATCH;
  }

  /** Why this entry does not match {@code options}, for error messages. */
  String whyNot(FindOptions options) {
    if (invalid != null) {
      return invalid;
    }
    if (versionScore(runtime, 1, options.runtime()) == NO_MATCH) {
      return "runtimeVersion \"" + source.runtimeVersion() + "\" excludes " + options.runtimeVersion();
    }
    if (versionScore(target, 1, options.target()) == NO_MATCH) {
      return "targetVersion \"" + source.targetVersion() + "\" excludes " + options.targetVersion();
    }
    if (versionScore(versionAsTarget, 1, options.target()) == NO_MATCH) {
      return "version \"" + source.version() + "\" excludes " + options.targetVersion();
    }
    if (architectureScore(options.architecture()) == NO_MATCH) {
      return "architectures " + String.join(",", architectures) + " exclude "
          + (options.architecture() == null ? DEFAULT_ARCHITECTURE : options.architecture());
    }
    return "matches";
  }

  /** The image this entry yields, Gardener's {@code ToImage}. */
  Image toImage(FindOptions options) {
    ImageSource s = source;
    String informational = s.versionConstraint() == null ? s.version() : null;
    if (s.ref() != null) {
      return new Image(s.name(), null, null, s.ref(), informational, s);
    }
    String tag = s.tag();
    if (tag == null && options.targetVersion() != null) {
      tag = "v" + stripLeadingV(options.targetVersion());
    }
    return new Image(s.name(), s.repository(), tag, null, informational != null ? informational : tag, s);
  }

  private static String stripLeadingV(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == 'v') {
      i++;
    }
    return text.substring(i);
  }
}
