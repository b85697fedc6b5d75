package dev.relocator.vector;

import dev.relocator.version.Version;

/**
 * What a find asks for: the Kubernetes version the image runs on, the one it acts on, and the
 * CPU architecture. Versions are normalised as Gardener does ({@code v1.21.3-gke.1} matches as
 * {@code 1.21.3}) and parsed once here, so repeated finds cost only the matching.
 */
public final class FindOptions {
  private static final FindOptions NONE = new FindOptions(null, null, null);

  private final String runtimeVersion;
  private final String targetVersion;
  private final String architecture;
  private final Version runtime;
  private final Version target;

  private FindOptions(String runtimeVersion, String targetVersion, String architecture) {
    this(runtimeVersion, parse(runtimeVersion), targetVersion, parse(targetVersion), architecture);
  }

  private FindOptions(String runtimeVersion, Version runtime, String targetVersion, Version target,
      String architecture) {
    this.runtimeVersion = runtimeVersion;
    this.runtime = runtime;
    this.targetVersion = targetVersion;
    this.target = target;
    this.architecture = architecture;
  }

  /** No version and the default architecture (amd64). */
  public static FindOptions none() {
    return NONE;
  }

  /**
   * Options for a find; any argument may be null. Throws {@link
   * dev.relocator.version.InvalidVersionException} when a version does not parse.
   */
  public static FindOptions of(String runtimeVersion, String targetVersion, String architecture) {
    return new FindOptions(blankToNull(runtimeVersion), blankToNull(targetVersion), blankToNull(architecture));
  }

  /**
   * Checks that {@code architecture} is an OCI platform architecture name, so a caller can refuse
   * a mistyped request ({@code x86_64}) up front instead of reporting that no entry matches it.
   *
   * @throws VectorException naming the architecture and, when one is close, the name meant
   */
  public static void requireKnownArchitecture(String architecture) {
    if (!Architectures.isValid(architecture)) {
      String suggestion = Architectures.suggest(architecture);
      throw new VectorException("unknown architecture \"" + architecture + "\""
          + (suggestion != null ? " (did you mean \"" + suggestion + "\"?)" : "")
          + ": expected an OCI platform architecture such as amd64, arm64, ppc64le or s390x");
    }
  }

  /** Both versions set to one Kubernetes version, as {@code --kubernetes-version} does. */
  public static FindOptions kubernetes(String version, String architecture) {
    return of(version, version, architecture);
  }

  /**
   * These options with {@code runtimeVersion} (null or blank: none), the target version kept as
   * parsed. Throws {@link dev.relocator.version.InvalidVersionException} when it does not parse.
   */
  public FindOptions withRuntimeVersion(String runtimeVersion) {
    String text = blankToNull(runtimeVersion);
    return new FindOptions(text, parse(text), targetVersion, target, architecture);
  }

  /** These options with {@code architecture} (null or blank: the default), the versions kept as parsed. */
  public FindOptions withArchitecture(String architecture) {
    return new FindOptions(runtimeVersion, runtime, targetVersion, target, blankToNull(architecture));
  }

  public String runtimeVersion() {
    return runtimeVersion;
  }

  public String targetVersion() {
    return targetVersion;
  }

  public String architecture() {
    return architecture;
  }

  Version runtime() {
    return runtime;
  }

  Version target() {
    return target;
  }

  private static Version parse(String text) {
    return text == null ? null : Version.parseGardener(text);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (runtimeVersion != null) {
      out.append("runtime version ").append(runtimeVersion).append(", ");
    }
    if (targetVersion != null) {
      out.append("target version ").append(targetVersion).append(", ");
    }
    out.append("architecture ").append(architecture == null ? "amd64 (default)" : architecture);
    return out.toString();
  }
}
