package dev.relocator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks the files a command will write before it does any work, so that a long copy never ends
 * in "cannot write the lock file": a usage error (exit 2) naming the option, the path and why.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Refuses {@code file} (given with {@code option}; null when not given) if it cannot be written. */
  static void requireWritable(CommandSpec command, String option, Path file) {
    if (file == null) {
      return;
    }
    String problem = problem(file.toAbsolutePath().normalize());
    if (problem != null) {
      throw new ParameterException(command.commandLine(), option + " " + file + ": " + problem);
    }
  }

  private static String problem(Path file) {
    if (Files.isDirectory(file)) {
      return "is a directory; give a file name";
    }
    if (Files.exists(file)) {
      return Files.isWritable(file) ? null : "permission denied";
    }
    Path parent = file.getParent();
    if (parent == null || !Files.exists(parent)) {
      return "its directory " + parent + " does not exist";
    }
    if (!Files.isDirectory(parent)) {
      return parent + " is not a directory";
    }
    return Files.isWritable(parent) ? null : "permission denied in " + parent;
  }
}
