package dev.relocator;

import java.util.Objects;

/**
 * One finding about a user's file: where it is (source, 1-based line, field path) and what is
 * wrong. Rendered as {@code images.yaml:14: images[3].targetVersion: improper constraint ">> 1.2"}.
 *
 * @param source the file name or other label of the input, never null
 * @param line the 1-based line, or 0 when unknown
 * @param path the field path such as {@code images[3].targetVersion}, or empty for the whole input
 * @param message what is wrong and why
 * @param severity whether the finding makes the input invalid
 */
public record Diagnostic(String source, int line, String path, String message, Severity severity) {

  /** Whether a finding makes its input invalid. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public Diagnostic {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(severity, "severity");
  }

  public static Diagnostic error(String source, int line, String path, String message) {
    return new Diagnostic(source, line, path, message, Severity.ERROR);
  }

  public static Diagnostic warning(String source, int line, String path, String message) {
    return new Diagnostic(source, line, path, message, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * What a warning about an unknown key says happens anyway; an error keeps nothing, so {@link
   * #asError()} drops it.
   */
  public static final String KEPT_WITHOUT_EFFECT = ": kept, but it has no effect";

  /** The same finding raised to an error, as {@code --strict} does with warnings. */
  public Diagnostic asError() {
    String text = message.endsWith(KEPT_WITHOUT_EFFECT)
        ? message.substring(0, message.length() - KEPT_WITHOUT_EFFECT.length())
        : message;
    return new Diagnostic(source, line, path, text, Severity.ERROR);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(source);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    if (severity == Severity.WARNING) {
      out.append("warning: ");
    }
    return out.append(message).toString();
  }
}
