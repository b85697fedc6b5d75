package dev.relocator.mirror;

import java.util.List;
import java.util.OptionalLong;

/** The dry run of a mirror: every image with its source, target and size when known. */
public record MirrorPlan(List<PlannedImage> images) {
  public MirrorPlan {
    images = List.copyOf(images);
  }

  /**
   * How many sources could not be read: each once, though a source copied to two targets (CoreDNS's
   * two paths) is planned, and fails, twice.
   */
  public long unreadableSources() {
    return images.stream().filter(i -> i.error().isPresent()).map(i -> i.task().source()).distinct().count();
  }

  /** Sum of the known sizes (images sharing blobs count them each). */
  public long knownBytes() {
    return images.stream().map(PlannedImage::size).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).sum();
  }
}
