package dev.relocator.cli;

import dev.relocator.TextFiles;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.VectorRelocator;
import dev.relocator.vector.VectorReadResult;
import dev.relocator.vector.VectorReader;
import dev.relocator.vector.VectorWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relocator vector relocate}: an IMAGEVECTOR_OVERWRITE file that relocates a vector. */
@Command(
    name = "relocate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write an IMAGEVECTOR_OVERWRITE file relocating every image of the vector with the rules.",
      "Each entry repeats its base entry's key (name, runtimeVersion, targetVersion, version,"
          + " architectures), so every one replaces its base entry when merged."
    })
final class VectorRelocateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin RulesOption rules;

  @Option(names = "--vector", required = true, paramLabel = "FILE", description = "The base image vector.")
  Path vector;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the overwrite file (default: standard output).")
  Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TextFiles.requireWritable(output);
    RewriteRules loaded = rules.load(err);
    if (loaded == null) {
      return ExitCodes.FAILURE;
    }
    VectorReadResult read = VectorReader.readFile(vector);
    RulesOption.print(err, read.diagnostics());
    if (read.hasErrors()) {
      return ExitCodes.FAILURE;
    }
    VectorRelocator.Result result = VectorRelocator.relocate(read.vector(), loaded);
    RulesOption.print(err, result.diagnostics());
    String text = "# IMAGEVECTOR_OVERWRITE for " + vector.getFileName() + ", written by relocator vector relocate.\n"
        + VectorWriter.write(result.overwrite());
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      TextFiles.write(output, text);
    }
    return ExitCodes.OK;
  }
}
