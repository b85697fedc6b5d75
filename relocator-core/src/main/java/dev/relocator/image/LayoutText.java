package dev.relocator.image;

import java.util.Optional;

/**
 * The text of an OCI layout location split as skopeo's oci transports split it: the path ends at
 * its first {@code :}, so a name may hold colons of its own ({@code oci:DIR:127.0.0.1:5000/app:1.0}).
 * The one place that knows the syntax, for every module (the relocation file's bundle and target,
 * the copy engine's locations, the CLI's {@code --from}); callers decide what is missing.
 *
 * @param path the text between the prefix and the first colon after it (may be empty)
 * @param archive whether it is an {@code oci-archive:} (a tar file) rather than an {@code oci:} directory
 * @param name what follows that colon (may be empty), or null when there is no colon
 */
public record LayoutText(String path, boolean archive, String name) {
  /** The prefix that marks an OCI layout location, as skopeo writes it. */
  public static final String OCI_PREFIX = "oci:";

  /** The prefix that marks an OCI layout packed in a tar file, as skopeo writes it. */
  public static final String OCI_ARCHIVE_PREFIX = "oci-archive:";

  /** {@code text} split, or empty when it starts with neither {@code oci:} nor {@code oci-archive:}. */
  public static Optional<LayoutText> split(String text) {
    boolean archive = text.startsWith(OCI_ARCHIVE_PREFIX);
    if (!archive && !text.startsWith(OCI_PREFIX)) {
      return Optional.empty();
    }
    String rest = text.substring((archive ? OCI_ARCHIVE_PREFIX : OCI_PREFIX).length());
    int colon = rest.indexOf(':');
    return Optional.of(colon < 0 ? new LayoutText(rest, archive, null)
        : new LayoutText(rest.substring(0, colon), archive, rest.substring(colon + 1)));
  }

  /** How the path is named in syntax help: {@code FILE} for an archive, else {@code DIR}. */
  public String pathLabel() {
    return archive ? "FILE" : "DIR";
  }

  /** Whether it names an image: a path and a non-empty NAME after it. */
  public boolean namesImage() {
    return !path.isEmpty() && name != null && !name.isEmpty();
  }

  /** The transport's prefix, {@code oci:} or {@code oci-archive:}. */
  public String prefix() {
    return archive ? OCI_ARCHIVE_PREFIX : OCI_PREFIX;
  }

  /**
   * All that follows the prefix: the path, then {@code :NAME} when there is one. Where a location
   * names no image (a destination, a bundle read whole), that is the path, colons and all.
   */
  public String rest() {
    return name == null ? path : path + ":" + name;
  }
}
