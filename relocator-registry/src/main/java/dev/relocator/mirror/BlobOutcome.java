package dev.relocator.mirror;

/** What happened to one blob in one target repository. */
public enum BlobOutcome {
  /** Streamed from the source. */
  COPIED,
  /** Mounted from another repository of the same registry, without transfer. */
  MOUNTED,
  /** Already there. */
  PRESENT
}
