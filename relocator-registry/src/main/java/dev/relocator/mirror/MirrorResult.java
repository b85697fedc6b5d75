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

  /**
   * {@code N copied, M already present[, F failed] of T images; SIZE written, B blobs already
   * present[, Z mounted][, A attached artifacts carried]}: a re-run that copies nothing says so.
   */
  public String summary() {
    long present = images.stream().filter(ImageResult::upToDate).count();
    int artifacts = attachments();
    return (images.size() - present) + " copied, " + present + " already present"
        + (failures.isEmpty() ? "" : ", " + failures.size() + " failed")
        + " of " + total + (total == 1 ? " image; " : " images; ")
        + ByteSize.human(bytesCopied) + " written, " + blobsPresent + " blobs already present"
        + (blobsMounted > 0 ? ", " + blobsMounted + " mounted" : "")
        + (artifacts > 0 ? ", " + artifacts + " attached artifacts carried" : "");
  }
}
