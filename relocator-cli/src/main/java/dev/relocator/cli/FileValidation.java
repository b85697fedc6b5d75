package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The one way {@code vector validate} and {@code rules validate} report: every finding of every
 * file, errors and warnings together in file order, then a line per file ({@code FILE: invalid, 1
 * error, 2 warnings}); a file that cannot be read does not hide the others. Exit 1 when any file
 * has an error (with {@code --strict}, any finding). A mixin: the files and {@code --strict} are
 * the whole command line of both.
 */
final class FileValidation {
  /** The command these options are mixed into, for its output. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--strict", description = "Treat warnings as errors (exit 1).")
  boolean strict;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
  List<Path> files;

  /** Validates every file with {@code read}, which gives a file's findings from its name and text. */
  int run(BiFunction<Path, String, List<Diagnostic>> read) {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean invalid = false;
    for (Path file : files) {
      String text;
      try {
        text = TextFiles.read(file);
      } catch (RelocatorException e) {
        out.flush();
        err.println("relocator: " + e.getMessage());
        err.flush();
        invalid = true;
        continue;
      }
      List<Diagnostic> diagnostics = read.apply(file, text).stream()
          .map(d -> strict ? d.asError() : d)
          .sorted(java.util.Comparator.comparingInt(Diagnostic::line))
          .toList();
      VectorCommand.print(out, diagnostics);
      long errors = diagnostics.stream().filter(Diagnostic::isError).count();
      long warnings = diagnostics.size() - errors;
      invalid |= errors > 0;
      out.println(file + ": " + (errors > 0 ? "invalid, " + plural(errors, "error") : "valid")
          + (warnings > 0 ? ", " + plural(warnings, "warning") : ""));
    }
    out.flush();
    return invalid ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
