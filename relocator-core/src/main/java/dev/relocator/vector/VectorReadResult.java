package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.RelocatorException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A vector as read, with every finding about it: syntax and structure errors, validation errors,
 * unknown keys and other warnings. The vector holds what could be read even when there are errors.
 *
 * @param vector the entries read
 * @param diagnostics every finding, in file order
 */
public record VectorReadResult(ImageVector vector, List<Diagnostic> diagnostics) {
  public VectorReadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  /** The same result with warnings raised to errors, as {@code --strict} asks. */
  public VectorReadResult strict() {
    return new VectorReadResult(
        vector, diagnostics.stream().map(Diagnostic::asError).collect(Collectors.toList()));
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).collect(Collectors.toList());
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).collect(Collectors.toList());
  }

  /**
   * The vector when there are no errors, else a {@link VectorException} listing them all, one a
   * line.
   */
  public ImageVector orThrow() {
    List<Diagnostic> errors = errors();
    if (errors.isEmpty()) {
      return vector;
    }
    throw new VectorException("invalid image vector: "
        + RelocatorException.oneLine(errors.stream().map(Diagnostic::toString).collect(Collectors.toList())));
  }
}
