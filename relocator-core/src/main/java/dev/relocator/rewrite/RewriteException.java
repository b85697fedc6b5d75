package dev.relocator.rewrite;

import dev.relocator.RelocatorException;

/** A rewrite that could not be done: a rule produced an invalid reference, or input is unusable. */
public class RewriteException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  public RewriteException(String message) {
    super(message);
  }

  public RewriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
