package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import java.util.Optional;

/**
 * What the webhook applies to each image of a pod: the relocated reference, or empty to leave the
 * image alone. Exact ImageMap entries implement it today; rewrite rules plug in behind the same
 * interface.
 */
@FunctionalInterface
public interface ImageMapping {

  /** The mapping that relocates nothing. */
  ImageMapping NONE = reference -> Optional.empty();

  /** The relocated form of {@code reference}, or empty when no entry applies. */
  Optional<ImageReference> relocate(ImageReference reference);
}
