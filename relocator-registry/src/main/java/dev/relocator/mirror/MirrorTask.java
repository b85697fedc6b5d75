package dev.relocator.mirror;

import java.util.Objects;

/** One image to copy from {@code source} to {@code target}. */
public record MirrorTask(ImageLocation source, ImageLocation target) {
  public MirrorTask {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  // equals and hashCode written out: a mirror run keys its task set by them, and the generated
  // ones cost an ObjectMethods bootstrap on first use, which a short run pays in full.
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof MirrorTask other && source.equals(other.source) && target.equals(other.target));
  }

  @Override
  public int hashCode() {
    return 31 * source.hashCode() + target.hashCode();
  }

  @Override
  public String toString() {
    return source + " -> " + target;
  }
}
