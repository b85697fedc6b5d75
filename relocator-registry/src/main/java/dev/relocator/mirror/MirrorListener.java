package dev.relocator.mirror;

import dev.relocator.image.Digest;

/**
 * Progress of a mirror run, for a live display or log lines. Called from worker threads,
 * concurrently: implementations must be thread-safe and quick.
 */
public interface MirrorListener {
  MirrorListener NONE = new MirrorListener() {};

  default void imageStarted(MirrorTask task) {}

  /** {@code bytes} more blob bytes were read from a source (retried transfers count again). */
  default void bytesTransferred(long bytes) {}

  default void blobFinished(MirrorTask task, Digest digest, long size, BlobOutcome outcome) {}

  default void imageCopied(ImageResult result) {}

  default void imageFailed(ImageFailure failure) {}
}
