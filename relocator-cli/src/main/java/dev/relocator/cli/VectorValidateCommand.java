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
import picocli.CommandLine.Mixin;

/** {@code relocator vector validate}: every finding of every file, exit 1 when any is invalid. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate image vector files (and IMAGEVECTOR_OVERWRITE_COMPONENTS files, recognised by their"
          + " top-level 'components' key), listing every finding as file:line: field path: reason.",
      "Exits 1 when any file has an error, or with --strict a warning (unknown keys, unquoted numbers, ...)."
    })
final class VectorValidateCommand implements Callable<Integer> {
  private static final Pattern COMPONENTS = Pattern.compile("(?m)^components\\s*:");

  @Mixin FileValidation validation;

  @Override
  public Integer call() {
    return validation.run(VectorValidateCommand::read);
  }

  private static List<Diagnostic> read(Path file, String text) {
    if (COMPONENTS.matcher(text).find()) {
      return ComponentOverwrites.read(file.toString(), text).diagnostics();
    }
    VectorReadResult result = VectorReader.read(file.toString(), text);
    return result.diagnostics();
  }
}
