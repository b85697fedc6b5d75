package dev.relocator.version;

/**
 * A version constraint in the Masterminds semver v3 dialect that Gardener uses, e.g.
 * {@code >= 1.20, < 1.25 || 1.30.x}.
 *
 * <p>CONTRACT STUB: the version-constraints work item replaces this body.
 */
public final class Constraint {
  private Constraint() {}

  /** Parses a constraint; throws {@link InvalidVersionException} quoting the input. */
  public static Constraint parse(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public boolean matches(Version version) {
    throw new UnsupportedOperationException();
  }

  /**
   * Gardener's exact-match test used for scoring: the constraint starts with a full
   * {@code x.y.z} version or with {@code =}.
   */
  public boolean isExact() {
    throw new UnsupportedOperationException();
  }

  /** The constraint text as written. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException();
  }
}
