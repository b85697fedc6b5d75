package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.util.Optional;

/**
 * What a mapping does to one image as a pod names it: the one decision the webhook and the audit
 * share, so that the audit reports what the webhook would do. An image is relocated only when its
 * relocation is left alone by the mapping (idempotence is checked, not assumed: the consistency
 * check already refuses chains, so this only fires on a defect).
 *
 * @param original the image as the pod names it
 * @param from {@code original} parsed, or null when it is not a valid reference
 * @param to the reference the pod runs: the relocation, or {@code from} when none applies
 * @param image what the pod runs, as the pod would write it
 * @param problem why the image is left alone (not a reference, or relocated again), or null
 */
public record ImageRelocation(String original, ImageReference from, ImageReference to, String image, String problem) {

  /** {@code original} under {@code mapping}. */
  public static ImageRelocation of(String original, ImageMapping mapping) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(original);
    } catch (InvalidReferenceException e) {
      return new ImageRelocation(original, null, null, original, e.getMessage());
    }
    Optional<ImageReference> relocated = mapping.relocate(ref);
    if (relocated.isEmpty()) {
      return new ImageRelocation(original, ref, ref, original, null);
    }
    Optional<ImageReference> again = mapping.relocate(relocated.get());
    if (again.isPresent() && !again.get().equals(relocated.get())) {
      return new ImageRelocation(original, ref, ref, original, original + " would become "
          + relocated.get().familiarString() + ", which the mapping relocates again to " + again.get().familiarString());
    }
    return new ImageRelocation(original, ref, relocated.get(), relocated.get().familiarString(), null);
  }

  /** Whether the pod runs another image than it names: {@code image} differs from {@code original}. */
  public boolean relocated() {
    return !image.equals(original);
  }
}
