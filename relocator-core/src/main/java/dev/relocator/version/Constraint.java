package dev.relocator.version;

/**
 * A version constraint in the Masterminds semver v3 dialect that Gardener uses, e.g.
 * {@code >= 1.20, < 1.25 || 1.30.x}; immutable and safe to share between threads.
 *
 * <p>Syntax: comparisons {@code = != > < >= => <= =< ~ ~> ^} (no operator means {@code =}),
 * wildcards {@code x X *} and partial versions ({@code 1.20} means {@code 1.20.x}), inclusive
 * hyphen ranges ({@code 1.2 - 1.4.5}), AND by comma or whitespace, OR by {@code ||}, an optional
 * leading {@code v}. Matching follows Masterminds v3.4 exactly, including that a pre-release
 * version only satisfies an AND group in which some comparison itself names a pre-release.
 */
public final class Constraint {
  private final String text;
  private final Term[][] groups;
  private final boolean[] groupHasPre;

  private Constraint(String text, Term[][] groups, boolean[] groupHasPre) {
    this.text = text;
    this.groups = groups;
    this.groupHasPre = groupHasPre;
  }

  /**
   * Parses a constraint; throws {@link InvalidVersionException} quoting the input and saying
   * why, e.g. {@code improper constraint ">> 1.2": unknown operator ">>"}.
   */
  public static Constraint parse(String text) {
    if (text == null) {
      throw new InvalidVersionException("improper constraint null: no text");
    }
    ConstraintParser.Parsed parsed = ConstraintParser.parse(text);
    return new Constraint(text, parsed.groups(), parsed.groupHasPre());
  }

  /** Whether {@code version} satisfies this constraint (Masterminds' {@code Check}). */
  public boolean matches(Version version) {
    for (int g = 0; g < groups.length; g++) {
      boolean includePre = groupHasPre[g];
      boolean all = true;
      for (Term term : groups[g]) {
        if (!term.matches(version, includePre)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /**
   * Gardener's exact-match test used for scoring: the (trimmed) constraint starts with a full
   * {@code x.y.z} version (optionally {@code v}-prefixed) or with {@code =}.
   */
  public boolean isExact() {
    String t = VersionSyntax.trimSpace(text);
    if (t.startsWith("=")) {
      return true;
    }
    int i = t.startsWith("v") ? 1 : 0;
    for (int seg = 0; seg < 3; seg++) {
      int start = i;
      while (i < t.length() && VersionSyntax.isDigit(t.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
      if (seg < 2) {
        if (i >= t.length() || t.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Constraint c && text.equals(c.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The constraint text as written. */
  @Override
  public String toString() {
    return text;
  }
}
