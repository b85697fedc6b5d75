package dev.relocator.cli;

import dev.relocator.mirror.ImageLocation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --from oci:DIR[:REF]} or {@code oci-archive:FILE[:REF]}, as skopeo's oci transports name
 * them: REF selects the one image whose {@code org.opencontainers.image.ref.name} it is; without
 * it, every named image is read. As in skopeo, the path ends at its first {@code :}, so a REF may
 * hold colons of its own ({@code oci:DIR:127.0.0.1:5000/demo/app:1.0}).
 */
record LayoutSource(Path path, boolean archive, Optional<String> ref) {
  /** Parses {@code text}; an {@link IllegalArgumentException} says what is missing. */
  static LayoutSource parse(String text) {
    boolean archive = text.startsWith(ImageLocation.OCI_ARCHIVE_PREFIX);
    if (!archive && !text.startsWith(ImageLocation.OCI_PREFIX)) {
      throw new IllegalArgumentException("invalid --from \"" + text + "\": expected oci:DIR[:REF] or oci-archive:FILE[:REF]");
    }
    String rest = text.substring((archive ? ImageLocation.OCI_ARCHIVE_PREFIX : ImageLocation.OCI_PREFIX).length());
    int colon = rest.indexOf(':');
    String path = colon < 0 ? rest : rest.substring(0, colon);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("invalid --from \"" + text + "\": no " + (archive ? "FILE" : "DIR")
          + " before the REF (expected " + (archive ? "oci-archive:FILE[:REF]" : "oci:DIR[:REF]") + ")");
    }
    if (colon == rest.length() - 1) {
      throw new IllegalArgumentException("invalid --from \"" + text + "\": empty REF after \"" + path
          + ":\" (give the image's org.opencontainers.image.ref.name, or leave out the \":\" for every image)");
    }
    return new LayoutSource(Path.of(path), archive, colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1)));
  }

  /** {@code oci:DIR} or {@code oci-archive:FILE}, without the REF. */
  String layout() {
    return (archive ? ImageLocation.OCI_ARCHIVE_PREFIX : ImageLocation.OCI_PREFIX) + path;
  }

  @Override
  public String toString() {
    return layout() + ref.map(r -> ":" + r).orElse("");
  }
}
