package dev.relocator.mirror;

import java.util.List;

/**
 * The outcome of a mirror run: every image copied (or found up to date), every failure, and the
 * blob counts over the whole run (a blob shared by images counts once per target repository).
 */
public record MirrorResult(
    int total,
    List<ImageResult> images,
    List<ImageFailure> failures,
    long bytesCopied,
    int blobsCopied,
    int blobsMounted,
    int blobsPresent) {
  public MirrorResult {
    images = List.copyOf(images);
    failures = List.copyOf(failures);
  }

  public boolean failed() {
    return !failures.isEmpty();
  }

  /** Signatures, attestations, SBOMs and referrers carried with the images, counted apart from them. */
  public int attachments() {
    return images.stream().mapToInt(i -> i.attachments().size()).sum();
  }

  /** {@code copied N/M images, X bytes, Y blobs already present[, K artifacts carried]}. */
  public String summary() {
    int artifacts = attachments();
    return "copied " + images.size() + "/" + total + " images, " + bytesCopied + " bytes, "
        + blobsPresent + " blobs already present"
        + (blobsMounted > 0 ? ", " + blobsMounted + " mounted" : "")
        + (artifacts > 0 ? ", " + artifacts + " attached artifacts carried" : "")
        + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
  }
}
