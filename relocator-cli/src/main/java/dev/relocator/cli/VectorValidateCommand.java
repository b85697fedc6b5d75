package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.vector.ComponentOverwrites;
import dev.relocator.vector.VectorReadResult;
import dev.relocator.vector.VectorReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator vector validate}: every finding of every file, exit 1 when any is invalid. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate image vector files (and IMAGEVECTOR_OVERWRITE_COMPONENTS files, recognised by their"
          + " top-level 'components' key), listing every finding as file:line: field path: reason.",
      "Exits 1 when any file has an error."
    })
final class VectorValidateCommand implements Callable<Integer> {
  private static final Pattern COMPONENTS = Pattern.compile("(?m)^components\\s*:");

  @Spec CommandSpec spec;

  @Option(names = "--strict", description = "Treat warnings (unknown keys, unquoted numbers, ...) as errors.")
  boolean strict;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
  List<Path> files;

  @Override
  public Integer call() {
    return FileValidation.run(files, strict, VectorValidateCommand::read, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private static List<Diagnostic> read(Path file, String text) {
    if (COMPONENTS.matcher(text).find()) {
      return ComponentOverwrites.read(file.toString(), text).diagnostics();
    }
    VectorReadResult result = VectorReader.read(file.toString(), text);
    return result.diagnostics();
  }
}
