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
 * @param attachments the signatures, attestations, SBOMs and referrers carried with it (present at
 *     the target after the run, whether copied now or before)
 */
public record ImageResult(
    MirrorTask task,
    Digest sourceDigest,
    Digest targetDigest,
    List<Platform> platforms,
    long bytesCopied,
    boolean upToDate,
    Optional<String> note,
    List<Attachment> attachments) {
  public ImageResult {
    platforms = List.copyOf(platforms);
    attachments = List.copyOf(attachments);
  }

  /** An image without attachments. */
  public ImageResult(MirrorTask task, Digest sourceDigest, Digest targetDigest, List<Platform> platforms,
      long bytesCopied, boolean upToDate, Optional<String> note) {
    this(task, sourceDigest, targetDigest, platforms, bytesCopied, upToDate, note, List.of());
  }

  public boolean digestPreserved() {
    return sourceDigest.equals(targetDigest);
  }
}
