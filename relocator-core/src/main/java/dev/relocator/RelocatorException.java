package dev.relocator;

/**
 * Root of every error Relocator reports to a user: the message says what was attempted, on which
 * input, and why, so the CLI can print it as one line.
 */
public class RelocatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RelocatorException(String message) {
    super(message);
  }

  public RelocatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
