package dev.relocator.cli;

import dev.relocator.IoErrors;
import dev.relocator.RelocatorException;
import dev.relocator.registry.error.PlainHttpRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The words for an exception that reaches the user: the line {@link ErrorReporter} prints, and
 * the lines commands print for failures they report and go on from. Apart from the reporter, so
 * that commands referring to them (method references included) leave the reporter, a picocli
 * handler, in the launcher's start-up archive.
 */
final class ErrorLines {
  private ErrorLines() {}

  /** One line saying what failed: the message for our own errors, {@link IoErrors}' line for I/O. */
  static String describe(Throwable e) {
    if (e instanceof RelocatorException) {
      return e.getMessage() + hint(e);
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    if (e instanceof IOException io) {
      return IoErrors.describe(io);
    }
    String message = e.getMessage();
    return "internal error: " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * What the user can do about {@code e}, in the CLI's terms, to append to its message: for a
   * registry that answers in plain HTTP, the flag and value that declare it insecure. Empty when
   * there is no such hint.
   */
  static String hint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PlainHttpRegistryException plain) {
        return ": --insecure-registry " + plain.endpoint();
      }
    }
    return "";
  }

  /** A failure that is a bug or an unforeseen state, not a problem with the user's input. */
  static boolean isInternal(Throwable e) {
    return !(e instanceof RelocatorException || e instanceof IOException || e instanceof UncheckedIOException);
  }
}
