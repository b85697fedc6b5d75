package dev.relocator.mirror;

import java.util.Objects;

/** One image to copy from {@code source} to {@code target}. */
public record MirrorTask(ImageLocation source, ImageLocation target) {
  public MirrorTask {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public String toString() {
    return source + " -> " + target;
  }
}
