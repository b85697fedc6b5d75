package dev.relocator.relocation;

import dev.relocator.Diagnostic;
import java.util.Objects;

/**
 * A value of a relocation file with where it was written, so a check made later (by a module
 * that knows what the value means) reports it as the reader reports its own findings.
 *
 * @param value the text as written (paths in it already resolved, see {@link RelocationReader})
 * @param source the file, as named in findings
 * @param line the 1-based line of the value
 * @param path the key path, such as {@code sources.vector.architectures[1]}
 */
public record Located(String value, String source, int line, String path) {
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
  }

  /** An error about this value: {@code file:line: path: message}. */
  public Diagnostic error(String message) {
    return Diagnostic.error(source, line, path, message);
  }
}
