package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteRules;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relocator rules validate}: every error and warning of every rules file, in one run. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate rewrite rules files (or KubeOne cluster files read as rules), listing every error and"
          + " warning as file:line: field path: reason.",
      "Exits 1 when any file has an error, or with --strict a warning (rules that can never match, ...)."
    })
final class RulesValidateCommand implements Callable<Integer> {
  @Mixin FileValidation validation;

  @Override
  public Integer call() {
    return validation.run(RulesValidateCommand::read);
  }

  private static List<Diagnostic> read(Path file, String text) {
    try {
      return RewriteRules.parse(file.toString(), text).warnings();
    } catch (InvalidRulesException e) {
      return e.diagnostics();
    }
  }
}
