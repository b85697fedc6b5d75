package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * An image that is now complete at its target.
 *
 * @param sourceDigest the digest of the source manifest or index
 * @param targetDigest the digest stored at the target: equal to {@code sourceDigest} unless a
 *     platform subset rewrote the index ({@link #note} says so)
 * @param platforms the platforms copied; empty for a single-platform manifest without one
 * @param upToDate the target already held exactly this image, nothing was written
 * @param note what the engine had to change, e.g. a rewritten index
 */
public record ImageResult(
    MirrorTask task,
    Digest sourceDigest,
    Digest targetDigest,
    List<Platform> platforms,
    long bytesCopied,
    boolean upToDate,
    Optional<String> note) {
  public ImageResult {
    platforms = List.copyOf(platforms);
  }

  public boolean digestPreserved() {
    return sourceDigest.equals(targetDigest);
  }
}
