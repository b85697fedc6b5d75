package dev.relocator.image;

import dev.relocator.RelocatorException;

/** An image reference or digest that does not follow the distribution reference grammar. */
public final class InvalidReferenceException extends RelocatorException {
  private static final long serialVersionUID = 1L;

  /** Inputs longer than this are shortened in the message (never in {@link #input()}). */
  private static final int QUOTE_LIMIT = 200;

  private final String input;
  private final String reason;

  public InvalidReferenceException(String input, String reason) {
    this("reference", input, reason);
  }

  InvalidReferenceException(String kind, String input, String reason) {
    super("invalid " + kind + " " + quote(input) + ": " + reason);
    this.input = input;
    this.reason = reason;
  }

  /** The text that failed to parse, verbatim. */
  public String input() {
    return input;
  }

  /** What is wrong with the input, without the input itself, e.g. "tag is empty". */
  public String reason() {
    return reason;
  }

  /**
   * Quotes {@code text} for a one-line message: control characters and quotes are escaped so a
   * hostile input cannot forge extra lines, and very long inputs are shortened.
   */
  static String quote(String text) {
    int limit = Math.min(text.length(), QUOTE_LIMIT);
    StringBuilder out = new StringBuilder(limit + 32).append('"');
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (text.length() > limit) {
      out.append("… (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
