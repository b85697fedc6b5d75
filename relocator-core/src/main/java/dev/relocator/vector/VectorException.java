package dev.relocator.vector;

import dev.relocator.RelocatorException;

/** An image vector that cannot be read, merged, resolved or injected. */
public class VectorException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public VectorException(String message) {
    super(message);
  }

  public VectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
