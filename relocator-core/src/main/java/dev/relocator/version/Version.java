package dev.relocator.version;

/**
 * A semantic version as Masterminds semver v3 reads it (optional {@code v}, partial versions,
 * pre-release and build metadata).
 *
 * <p>CONTRACT STUB: the version-constraints work item replaces this body.
 */
public final class Version implements Comparable<Version> {
  private Version() {}

  /** Parses a version; throws {@link InvalidVersionException}. */
  public static Version parse(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Gardener's normalisation before matching: remove every {@code v}, cut at the first {@code -},
   * {@code +} or {@code ~}; so {@code v1.21.3-gke.1} becomes {@code 1.21.3}.
   */
  public static String normalizeGardener(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Whether {@code text} is one full plain version such as {@code v1.2.3} (not a constraint). */
  public static boolean isFullVersion(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public int compareTo(Version other) {
    throw new UnsupportedOperationException();
  }
}
