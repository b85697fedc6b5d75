package dev.relocator.vector;

import dev.relocator.Diagnostic;
import java.util.List;

/**
 * A merged vector and the warnings the merge raised (overwrite entries that can never be
 * selected).
 *
 * @param vector the merged vector
 * @param diagnostics warnings about the overwrites, in order
 */
public record MergeResult(ImageVector vector, List<Diagnostic> diagnostics) {
  public MergeResult {
    diagnostics = List.copyOf(diagnostics);
  }
}
