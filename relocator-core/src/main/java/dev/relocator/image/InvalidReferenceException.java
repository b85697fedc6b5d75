package dev.relocator.image;

import dev.relocator.RelocatorException;

/** An image reference that does not follow the distribution reference grammar. */
public final class InvalidReferenceException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  private final String input;

  public InvalidReferenceException(String input, String reason) {
    super("invalid reference \"" + input + "\": " + reason);
    this.input = input;
  }

  /** The text that failed to parse, verbatim. */
  public String input() {
    return input;
  }
}
