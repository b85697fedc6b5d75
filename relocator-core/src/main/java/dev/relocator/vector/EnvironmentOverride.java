package dev.relocator.vector;

import dev.relocator.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gardener's read-with-environment-override: the vector file merged with the overwrite file that
 * {@code IMAGEVECTOR_OVERWRITE} names, if any. The environment is a parameter, so callers (and
 * tests) choose what it holds.
 */
public final class EnvironmentOverride {
  /** Names a vector file whose entries overwrite the base vector's. */
  public static final String OVERWRITE = "IMAGEVECTOR_OVERWRITE";

  /** Names a components file holding an overwrite per dependent component. */
  public static final String OVERWRITE_COMPONENTS = "IMAGEVECTOR_OVERWRITE_COMPONENTS";

  private EnvironmentOverride() {}

  /**
   * Reads {@code base} and, when {@code environment} sets {@value #OVERWRITE} to a non-empty
   * path, merges that file over it. Findings of both reads and of the merge are returned
   * together; the merge runs on what could be read even when there are errors.
   */
  public static VectorReadResult read(Path base, Map<String, String> environment) {
    return apply(VectorReader.readFile(base), environment);
  }

  /** Applies {@value #OVERWRITE} from {@code environment} to a vector already read. */
  public static VectorReadResult apply(VectorReadResult base, Map<String, String> environment) {
    String overwrite = environment.get(OVERWRITE);
    if (overwrite == null || overwrite.isBlank()) {
      return base;
    }
    Path file = Path.of(overwrite.trim());
    if (!Files.isRegularFile(file)) {
      throw new VectorException(
          "cannot read the overwrite " + OVERWRITE + "=" + overwrite + ": no such file");
    }
    VectorReadResult over = VectorReader.readFile(file);
    MergeResult merged = VectorMerger.merge(base.vector(), over.vector());
    List<Diagnostic> diagnostics = new ArrayList<>(base.diagnostics());
    diagnostics.addAll(over.diagnostics());
    diagnostics.addAll(merged.diagnostics());
    return new VectorReadResult(merged.vector(), diagnostics);
  }
}
