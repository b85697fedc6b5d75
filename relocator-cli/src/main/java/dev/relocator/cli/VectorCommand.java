package dev.relocator.cli;

import dev.relocator.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code relocator vector} group: Gardener image vectors validated, merged, resolved, injected
 * ({@link CommandTree} lists its commands).
 */
@Command(
    name = "vector",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with Gardener image vectors (images.yaml) and their overwrites.")
final class VectorCommand {

  /** Prints each finding as one line ({@code file:line: path: message}) to {@code out}. */
  static void print(PrintWriter out, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      out.println(d);
    }
    out.flush();
  }
}
