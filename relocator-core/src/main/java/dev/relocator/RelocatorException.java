package dev.relocator;

import java.util.List;

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

  /** How many of several errors {@link #oneLine} lists; a file with more is likely the wrong file. */
  static final int LISTED = 10;

  /**
   * Several errors found at once as one line: the first, then {@code (and N more: b; c)}, so
   * an input with a few mistakes is fixed in one go; past {@value #LISTED}, the rest are counted,
   * not listed.
   */
  public static String oneLine(List<String> errors) {
    if (errors.size() <= 1) {
      return errors.isEmpty() ? "" : errors.get(0);
    }
    List<String> more = errors.subList(1, Math.min(errors.size(), LISTED));
    int unlisted = errors.size() - 1 - more.size();
    return errors.get(0) + " (and " + (errors.size() - 1) + " more: " + String.join("; ", more)
        + (unlisted > 0 ? "; " + unlisted + " not shown" : "") + ")";
  }
}
