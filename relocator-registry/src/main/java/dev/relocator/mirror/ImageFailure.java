package dev.relocator.mirror;

/**
 * An image that could not be copied, and why (the others were still copied): the one-line
 * reason, and the failure itself for callers that word what would help.
 */
public record ImageFailure(MirrorTask task, String reason, Throwable cause) {
  @Override
  public String toString() {
    return task.source() + " -> " + task.target() + ": " + reason;
  }
}
