package dev.relocator.oci.layout;

import dev.relocator.registry.error.RegistryException;
import java.nio.file.Path;

/**
 * An OCI layout (a directory or an archive) lacks what was asked for: the layout itself, a blob,
 * or a name in {@code index.json}. A registry's 404 is a {@code RegistryNotFoundException}; a layout has no
 * HTTP status or error body to report.
 */
public final class LayoutNotFoundException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private LayoutNotFoundException(String message) {
    super(message);
  }

  /** {@code dir} holds no {@code oci-layout} file, so it is not a layout. */
  static LayoutNotFoundException notALayout(Path dir) {
    return new LayoutNotFoundException("open OCI layout " + dir + ": no oci-layout file");
  }

  /** {@code attempt} (e.g. {@code read blob sha256:...}) found no {@code missing} in the layout at {@code dir}. */
  static LayoutNotFoundException notIn(Path dir, String attempt, String missing) {
    return new LayoutNotFoundException(attempt + " from OCI layout " + dir + ": " + missing);
  }

  /** The file at {@code file} is not an OCI archive, for the reason {@code why}. */
  static LayoutNotFoundException notAnArchive(Path file, String why) {
    return new LayoutNotFoundException("open OCI archive " + file + ": " + why);
  }

  /** {@code attempt} found no {@code missing} in the OCI archive {@code file}. */
  static LayoutNotFoundException notInArchive(Path file, String attempt, String missing) {
    return new LayoutNotFoundException(attempt + " from OCI archive " + file + ": " + missing);
  }
}
