package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import java.util.Objects;

/**
 * One validated entry: normalised {@code from} and {@code to}. A {@code from} without tag or digest
 * is repository-wide: x to y maps x:t to y:t and x@d to y@d. A {@code to} without tag or digest
 * keeps the tag and digest of the image it relocates.
 */
public record Mapping(ImageReference from, ImageReference to) {

  public Mapping {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Whether {@code from} names a whole repository: no tag, no digest. */
  public boolean repositoryWide() {
    return from.tag().isEmpty() && from.digest().isEmpty();
  }

  /** {@code image}, which this entry's {@code from} matches, relocated. */
  ImageReference apply(ImageReference image) {
    if (to.tag().isPresent() || to.digest().isPresent()) {
      return to;
    }
    ImageReference out = to;
    if (image.tag().isPresent()) {
      out = out.withTag(image.tag().get());
    }
    if (image.digest().isPresent()) {
      out = out.withDigest(image.digest().get());
    }
    return out;
  }

  /** The references this entry matches, as a pattern. */
  RefPattern fromPattern() {
    return RefPattern.of(from);
  }

  /** The references this entry can produce, as a pattern. */
  RefPattern toPattern() {
    if (to.tag().isPresent() || to.digest().isPresent() || repositoryWide()) {
      return RefPattern.of(to);
    }
    return new RefPattern(to.name(), from.tag().orElse(null), from.digest().map(Object::toString).orElse(null));
  }

  @Override
  public String toString() {
    return from.familiarString() + " -> " + to.familiarString();
  }
}
