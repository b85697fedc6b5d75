package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Gardener image vector files with line numbers: every finding (syntax, structure, unknown
 * keys, validation) becomes a {@link Diagnostic} with file, line and field path, and all of them
 * are reported at once.
 */
public final class VectorReader {
  private VectorReader() {}

  /** Reads and validates {@code file}; the file name labels the findings. */
  public static VectorReadResult readFile(Path file) {
    return read(file.toString(), TextFiles.read(file));
  }

  /** Reads and validates {@code text}, labelling findings with {@code source}. */
  public static VectorReadResult read(String source, String text) {
    return read(source, text, 0);
  }

  /**
   * Reads {@code text} that is embedded in a larger file (a component's overwrite): {@code
   * lineOffset} is added to every line so findings point into the outer file.
   */
  public static VectorReadResult read(String source, String text, int lineOffset) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    NodeReader reader = new NodeReader(source, lineOffset, diagnostics);
    ImageVector vector = reader.read(text);
    List<Diagnostic> validation = VectorValidator.validate(vector, source, reader.caBundleLine());
    diagnostics.addAll(validation);
    if (validation.stream().noneMatch(Diagnostic::isError)) {
      diagnostics.addAll(Reachability.neverSelected(vector));
    }
    diagnostics.sort(
        java.util.Comparator.comparingInt(Diagnostic::line).thenComparing(Diagnostic::path));
    return new VectorReadResult(vector, diagnostics);
  }
}
