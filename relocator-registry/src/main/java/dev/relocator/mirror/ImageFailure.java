package dev.relocator.mirror;

/** An image that could not be copied, and why (the others were still copied). */
public record ImageFailure(MirrorTask task, String reason) {
  @Override
  public String toString() {
    return task.source() + " -> " + task.target() + ": " + reason;
  }
}
