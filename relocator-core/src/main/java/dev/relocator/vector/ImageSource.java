package dev.relocator.vector;

import dev.relocator.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an image vector, field for field as Gardener writes it. Absent fields are null
 * (an empty list differs from an absent one); keys Relocator does not know are kept in {@code
 * extra} so a merge or a write gives them back.
 *
 * @param name the image name the deployment code asks for, such as {@code pause-container}
 * @param sourceRepository where the image is built from (informational)
 * @param repository the image repository, exclusive with {@code ref}
 * @param tag a tag, {@code sha256:...} digest, or {@code v1.2.3@sha256:...}
 * @param ref a whole image reference, exclusive with {@code repository} and {@code tag}
 * @param version a full version (informational) or, as in the seeds, a Kubernetes version
 *     constraint on the target version
 * @param runtimeVersion constraint on the Kubernetes version the image runs on
 * @param targetVersion constraint on the Kubernetes version the image acts on
 * @param architectures the CPU architectures the image supports; null means amd64 and arm64
 * @param labels Gardener's labels, or null
 * @param resourceId Gardener's resource id, or null
 * @param extra unknown keys, in file order
 * @param origin where the entry was read
 */
public record ImageSource(
    String name,
    String sourceRepository,
    String repository,
    String tag,
    String ref,
    String version,
    String runtimeVersion,
    String targetVersion,
    List<String> architectures,
    List<Label> labels,
    ResourceId resourceId,
    Map<String, Object> extra,
    Origin origin) {

  public ImageSource {
    architectures = Yamls.copyOrNull(architectures);
    labels = Yamls.copyOrNull(labels);
    extra = Yamls.copyOf(extra);
    origin = origin == null ? Origin.UNKNOWN : origin;
  }

  /** A fresh builder for an entry called {@code name}. */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /**
   * A builder for an overwrite of this entry: the same name, and the version, runtime version,
   * target version and architectures that select it, so the overwrite applies where this entry
   * does; the caller adds where the image is now ({@code ref}, or {@code repository} and {@code tag}).
   */
  public Builder overwrite() {
    return builder(name)
        .runtimeVersion(runtimeVersion)
        .targetVersion(targetVersion)
        .version(version)
        .architectures(architectures);
  }

  /**
   * The {@code version} field when it is a constraint on the target version (an operator, a
   * wildcard, a range or a partial version such as {@code 1.20}), else null: a full plain version
   * such as {@code v1.2.3} is informational, as in current Gardener.
   */
  public String versionConstraint() {
    return isVersionConstraint(version) ? version : null;
  }

  /** Whether a {@code version} value acts as a constraint rather than as information. */
  static boolean isVersionConstraint(String version) {
    return version != null && !version.isBlank() && !Version.isFullVersion(version.trim());
  }

  /** Mutable companion used by the reader and by merges; {@link #build()} makes the record. */
  public static final class Builder {
    private String name;
    private String sourceRepository;
    private String repository;
    private String tag;
    private String ref;
    private String version;
    private String runtimeVersion;
    private String targetVersion;
    private List<String> architectures;
    private List<Label> labels;
    private ResourceId resourceId;
    private Map<String, Object> extra = Map.of();
    private Origin origin = Origin.UNKNOWN;

    private Builder() {}

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder sourceRepository(String value) {
      sourceRepository = value;
      return this;
    }

    public Builder repository(String value) {
      repository = value;
      return this;
    }

    public Builder tag(String value) {
      tag = value;
      return this;
    }

    public Builder ref(String value) {
      ref = value;
      return this;
    }

    public Builder version(String value) {
      version = value;
      return this;
    }

    public Builder runtimeVersion(String value) {
      runtimeVersion = value;
      return this;
    }

    public Builder targetVersion(String value) {
      targetVersion = value;
      return this;
    }

    public Builder architectures(List<String> value) {
      architectures = value;
      return this;
    }

    public Builder labels(List<Label> value) {
      labels = value;
      return this;
    }

    public Builder resourceId(ResourceId value) {
      resourceId = value;
      return this;
    }

    public Builder extra(Map<String, Object> value) {
      extra = Objects.requireNonNullElse(value, Map.of());
      return this;
    }

    public Builder origin(Origin value) {
      origin = value;
      return this;
    }

    public ImageSource build() {
      return new ImageSource(
          name,
          sourceRepository,
          repository,
          tag,
          ref,
          version,
          runtimeVersion,
          targetVersion,
          architectures,
          labels,
          resourceId,
          extra,
          origin);
    }
  }
}
