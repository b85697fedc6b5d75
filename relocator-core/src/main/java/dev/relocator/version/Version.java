package dev.relocator.version;

import java.util.Objects;

/**
 * A semantic version as Masterminds semver v3's loose {@code NewVersion} reads it: an optional
 * {@code v}, one to three numeric segments (missing ones are 0), an optional pre-release and
 * optional build metadata.
 *
 * <p>Ordering follows semver precedence: numeric segments, then a release ranks above its
 * pre-releases, then pre-release identifiers; build metadata is ignored. {@link #compareTo} is
 * therefore not consistent with {@link #equals}, which also compares metadata (like
 * {@code BigDecimal} and scale).
 */
public final class Version implements Comparable<Version> {
  private final long major; // unsigned, as Go's uint64
  private final long minor;
  private final long patch;
  private final String preRelease; // "" when absent
  private final String metadata; // "" when absent
  private final String original;

  Version(long major, long minor, long patch, String preRelease, String metadata, String original) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
    this.metadata = metadata;
    this.original = original;
  }

  /**
   * Parses a version the way Masterminds' {@code NewVersion} does ({@code 1}, {@code v1.2},
   * {@code 1.2.3-rc.1+build.5}); throws {@link InvalidVersionException} quoting the input.
   */
  public static Version parse(String text) {
    if (text == null) {
      throw new InvalidVersionException("invalid version null: no text");
    }
    VersionSyntax.Parsed parsed = VersionSyntax.parseVersion(text);
    if (parsed.error() != null) {
      throw new InvalidVersionException(
          "invalid version " + VersionSyntax.quote(text) + ": " + parsed.error());
    }
    return parsed.version();
  }

  /**
   * Parses {@code text} after {@link #normalizeGardener Gardener's normalisation}, as Gardener
   * does before it checks a Kubernetes version against a constraint.
   */
  public static Version parseGardener(String text) {
    if (text == null) {
      throw new InvalidVersionException("invalid version null: no text");
    }
    String normalized = normalizeGardener(text);
    VersionSyntax.Parsed parsed = VersionSyntax.parseVersion(normalized);
    if (parsed.error() != null) {
      throw new InvalidVersionException(
          "invalid version " + VersionSyntax.quote(text)
              + (normalized.equals(text) ? "" : " (normalised to " + VersionSyntax.quote(normalized) + ")")
              + ": " + parsed.error());
    }
    return parsed.version();
  }

  /**
   * Gardener's normalisation before matching: remove every {@code v}, cut at the first {@code -},
   * {@code +} or {@code ~}; so {@code v1.21.3-gke.1} becomes {@code 1.21.3}.
   */
  public static String normalizeGardener(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-' || c == '+' || c == '~') {
        break;
      }
      if (c != 'v') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Whether {@code text} is one full plain version such as {@code v1.2.3} or {@code 1.2.3-rc.1}
   * (not a constraint): false for operators, wildcards, ranges, lists and partial versions
   * such as {@code 1.20}, which Masterminds reads as {@code 1.20.x}.
   */
  public static boolean isFullVersion(String text) {
    if (text == null) {
      return false;
    }
    String trimmed = VersionSyntax.trimSpace(text);
    VersionSyntax.Parsed parsed = VersionSyntax.parseVersion(trimmed);
    return parsed.error() == null && parsed.segments() == 3;
  }

  /** The major version. Values above {@link Long#MAX_VALUE} are stored as unsigned. */
  public long major() {
    return major;
  }

  /** The minor version (0 when the text had none). */
  public long minor() {
    return minor;
  }

  /** The patch version (0 when the text had none). */
  public long patch() {
    return patch;
  }

  /** The pre-release without its leading {@code -}, or the empty string. */
  public String preRelease() {
    return preRelease;
  }

  /** The build metadata without its leading {@code +}, or the empty string. */
  public String metadata() {
    return metadata;
  }

  /** Whether this version has a pre-release part. */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** The text this version was parsed from. */
  public String original() {
    return original;
  }

  @Override
  public int compareTo(Version other) {
    int c = Long.compareUnsigned(major, other.major);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(minor, other.minor);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(patch, other.patch);
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty()) {
      return other.preRelease.isEmpty() ? 0 : 1;
    }
    if (other.preRelease.isEmpty()) {
      return -1;
    }
    return VersionSyntax.comparePreRelease(preRelease, other.preRelease);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v
        && major == v.major
        && minor == v.minor
        && patch == v.patch
        && preRelease.equals(v.preRelease)
        && metadata.equals(v.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, metadata);
  }

  /** The canonical form {@code major.minor.patch[-pre][+metadata]}, without a {@code v}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(24)
        .append(Long.toUnsignedString(major)).append('.')
        .append(Long.toUnsignedString(minor)).append('.')
        .append(Long.toUnsignedString(patch));
    if (!preRelease.isEmpty()) {
      b.append('-').append(preRelease);
    }
    if (!metadata.isEmpty()) {
      b.append('+').append(metadata);
    }
    return b.toString();
  }
}
