package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteRules;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator rules validate}: every error and warning of every rules file, in one run. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate rewrite rules files (or KubeOne cluster files read as rules), listing every error and"
          + " warning as file:line: field path: reason.",
      "Exits 1 when any file has an error."
    })
final class RulesValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--strict", description = "Treat warnings (rules that can never match, ...) as errors.")
  boolean strict;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
  List<Path> files;

  @Override
  public Integer call() {
    return FileValidation.run(files, strict, RulesValidateCommand::read, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private static List<Diagnostic> read(Path file, String text) {
    try {
      return RewriteRules.parse(file.toString(), text).warnings();
    } catch (InvalidRulesException e) {
      return e.diagnostics();
    }
  }
}
