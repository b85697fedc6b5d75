package dev.relocator.version;

import dev.relocator.RelocatorException;

/** A version or version constraint that does not parse. */
public final class InvalidVersionException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }
}
