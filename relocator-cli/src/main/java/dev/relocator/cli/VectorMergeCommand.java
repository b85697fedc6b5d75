package dev.relocator.cli;

import dev.relocator.TextFiles;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.MergeResult;
import dev.relocator.vector.VectorMerger;
import dev.relocator.vector.VectorReadResult;
import dev.relocator.vector.VectorReader;
import dev.relocator.vector.VectorWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator vector merge}: Gardener's merge of overwrites into a base vector, as YAML. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Merge overwrite vectors into a base vector with Gardener's semantics and print the result as YAML.",
      "Entries with the same name, runtimeVersion, targetVersion (and version constraint) and architectures"
          + " merge field by field; others are appended. Warns about appended entries that can never be"
          + " selected. Exits 1 when a file is invalid."
    })
final class VectorMergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASE", description = "The base image vector.")
  Path base;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "OVERWRITE", description = "Overwrite vectors, applied in order.")
  List<Path> overwrites;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the merged vector to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TextFiles.requireWritable(output);
    List<VectorReadResult> reads = new ArrayList<>();
    reads.add(VectorReader.readFile(base));
    for (Path overwrite : overwrites) {
      reads.add(VectorReader.readFile(overwrite));
    }
    boolean invalid = false;
    for (VectorReadResult read : reads) {
      VectorCommand.print(err, read.diagnostics());
      invalid |= read.hasErrors();
    }
    if (invalid) {
      err.println("relocator: not merged: fix the errors above");
      err.flush();
      return ExitCodes.FAILURE;
    }
    List<ImageVector> overwriteVectors = reads.subList(1, reads.size()).stream().map(VectorReadResult::vector).toList();
    MergeResult merged = VectorMerger.merge(reads.get(0).vector(), overwriteVectors);
    VectorCommand.print(err, merged.diagnostics());
    String yaml = VectorWriter.write(merged.vector());
    if (output != null) {
      TextFiles.write(output, yaml);
    } else {
      spec.commandLine().getOut().print(yaml);
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
