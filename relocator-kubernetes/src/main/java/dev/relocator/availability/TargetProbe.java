package dev.relocator.availability;

import dev.relocator.image.ImageReference;

/** Asks a registry whether one target exists: the one piece of I/O of an availability round. */
@FunctionalInterface
public interface TargetProbe {

  /** Whether {@code target} (with a tag or digest) exists; never throws. */
  Presence probe(ImageReference target);
}
