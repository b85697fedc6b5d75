package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --rules FILE} option shared by every command that rewrites references. */
final class RulesOption {

  @Option(names = "--rules", required = true, paramLabel = "FILE",
      description = "The rewrite rules file (YAML, see docs/rules.md), or a KubeOne cluster file (docs/kubeone.md).")
  Path file;

  /**
   * The rules, with every warning printed to {@code err}; null after printing every error of an
   * invalid file, one per line, so the caller can exit with {@link ExitCodes#FAILURE}.
   */
  RewriteRules load(PrintWriter err) {
    RewriteRules rules;
    try {
      rules = RewriteRules.load(file);
    } catch (InvalidRulesException e) {
      print(err, e.diagnostics());
      return null;
    }
    print(err, rules.warnings());
    return rules;
  }

  /** Findings as one line each, {@code file:line: path: message}, as the vector commands print them. */
  static void print(PrintWriter err, List<Diagnostic> diagnostics) {
    VectorCommand.print(err, diagnostics);
  }
}
