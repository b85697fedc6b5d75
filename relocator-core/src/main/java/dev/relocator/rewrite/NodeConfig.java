package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Node configuration generated from rules: file paths (relative, '/'-separated) with their
 * contents, and the rules that could not be expressed.
 */
public record NodeConfig(SortedMap<String, String> files, List<Diagnostic> warnings) {

  public NodeConfig {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    warnings = List.copyOf(warnings);
  }
}
