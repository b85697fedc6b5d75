package dev.relocator.vector;

import dev.relocator.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A vector as a Gardener component sees it, read from files: the vector, then the file
 * {@code IMAGEVECTOR_OVERWRITE} names in {@code environment} (if any), then each overwrite file in
 * order. The one way the commands read a vector with its overwrites.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /**
   * Reads {@code vector}, applies {@link EnvironmentOverride} and merges {@code overwrites} over
   * it. Findings of every read and of the merges come back together, in that order; the merge runs
   * on what could be read even when there are errors.
   *
   * @throws VectorException when {@code IMAGEVECTOR_OVERWRITE} names no file
   * @throws dev.relocator.RelocatorException when a file cannot be read
   */
  public static VectorReadResult read(Path vector, List<Path> overwrites, Map<String, String> environment) {
    VectorReadResult base = EnvironmentOverride.read(vector, environment);
    List<Diagnostic> findings = new ArrayList<>(base.diagnostics());
    List<ImageVector> overwriteVectors = new ArrayList<>();
    for (Path overwrite : overwrites) {
      VectorReadResult read = VectorReader.readFile(overwrite);
      findings.addAll(read.diagnostics());
      overwriteVectors.add(read.vector());
    }
    MergeResult merged = VectorMerger.merge(base.vector(), overwriteVectors);
    findings.addAll(merged.diagnostics());
    return new VectorReadResult(merged.vector(), findings);
  }
}
