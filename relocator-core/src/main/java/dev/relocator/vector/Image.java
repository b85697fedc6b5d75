package dev.relocator.vector;

/**
 * The image a find chose: either a repository and tag, or a whole {@code ref}. {@link
 * #toString()} is the pullable image string Gardener would hand to a chart.
 *
 * @param name the image name asked for
 * @param repository the repository, null when {@code ref} is set
 * @param tag the tag (from the entry, or {@code v} + the target version), or null
 * @param ref the entry's whole reference, or null
 * @param version the informational version: the entry's full {@code version}, else the tag
 * @param source the entry that won
 */
public record Image(
    String name, String repository, String tag, String ref, String version, ImageSource source) {

  private static final String DIGEST_PREFIX = "sha256:";

  /**
   * {@code ref} verbatim; {@code repo@sha256:...} for a digest tag; {@code repo:tag}; the bare
   * repository when there is no tag.
   */
  @Override
  public String toString() {
    if (ref != null) {
      return ref;
    }
    if (repository == null) {
      return "";
    }
    if (tag == null) {
      return repository;
    }
    return repository + (tag.startsWith(DIGEST_PREFIX) ? "@" : ":") + tag;
  }
}
