package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/** A rules file with at least one error; every finding, errors and warnings, is kept in order. */
public final class InvalidRulesException extends RewriteException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  InvalidRulesException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream()
        .filter(Diagnostic::isError)
        .map(Diagnostic::toString)
        .collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Every finding, in file order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
