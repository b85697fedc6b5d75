package dev.relocator.cli;

import dev.relocator.image.LayoutText;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --from oci:DIR[:REF]} or {@code oci-archive:FILE[:REF]}, as skopeo's oci transports name
 * them: REF selects the one image whose {@code org.opencontainers.image.ref.name} it is; without
 * it, every named image is read. Split by {@link LayoutText}, so a REF may hold
 * colons of its own ({@code oci:DIR:127.0.0.1:5000/demo/app:1.0}); this adds {@code --from}'s words.
 */
record LayoutSource(Path path, boolean archive, Optional<String> ref) {
  /** Parses {@code text}; an {@link IllegalArgumentException} says what is missing. */
  static LayoutSource parse(String text) {
    LayoutText split = LayoutText.split(text).orElseThrow(() -> new IllegalArgumentException(
        "invalid --from \"" + text + "\": expected oci:DIR[:REF] or oci-archive:FILE[:REF]"));
    String expected = split.prefix() + split.pathLabel() + "[:REF]";
    if (split.path().isEmpty()) {
      throw new IllegalArgumentException("invalid --from \"" + text + "\": no " + split.pathLabel()
          + " before the REF (expected " + expected + ")");
    }
    if ("".equals(split.name())) {
      throw new IllegalArgumentException("invalid --from \"" + text + "\": empty REF after \"" + split.path()
          + ":\" (give the image's org.opencontainers.image.ref.name, or leave out the \":\" for every image)");
    }
    return new LayoutSource(Path.of(split.path()), split.archive(), Optional.ofNullable(split.name()));
  }
}
