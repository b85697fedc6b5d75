package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import java.util.Objects;

/**
 * A set of references: a whole repository (no tag, no digest), one tag, or one digest. Used to
 * decide whether what one entry produces is matched by another entry (a chain).
 */
record RefPattern(String name, String tag, String digest) {

  static RefPattern of(ImageReference ref) {
    return new RefPattern(
        ref.name(), ref.tag().orElse(null), ref.digest().map(Object::toString).orElse(null));
  }

  boolean repositoryWide() {
    return tag == null && digest == null;
  }

  boolean overlaps(RefPattern other) {
    if (!name.equals(other.name)) {
      return false;
    }
    if (repositoryWide() || other.repositoryWide()) {
      return true;
    }
    if (digest != null || other.digest != null) {
      return Objects.equals(digest, other.digest);
    }
    return tag.equals(other.tag);
  }
}
