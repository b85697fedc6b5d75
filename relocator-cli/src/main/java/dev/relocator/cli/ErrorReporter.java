package dev.relocator.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line on stderr ({@code relocator: what,
 * where, why}) and an exit code; the stack trace only with {@code --verbose}.
 *
 * <p>A class rather than a method reference for the exit-code mapper, and nothing but {@link Main}
 * refers to it (the words are {@link ErrorLines}'): linking a lambda for one of picocli's
 * interfaces (Java 5 class files), or for a method of a class implementing them, while the
 * launcher writes its start-up archive keeps that interface, this class and their users out of
 * the archive, so every start would open the 40 MB jar to load them.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    boolean verbose = isVerbose(commandLine);
    String line = ErrorLines.describe(e);
    if (!verbose && ErrorLines.isInternal(e)) {
      line += " (rerun with --verbose for the stack trace)";
    }
    commandLine.getErr().println("relocator: " + line);
    if (verbose) {
      e.printStackTrace(commandLine.getErr());
    }
    commandLine.getErr().flush();
    return getExitCode(e);
  }

  @Override
  public int getExitCode(Throwable e) {
    return e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE;
  }

  private static boolean isVerbose(CommandLine commandLine) {
    Object root = commandLine.getCommandSpec().root().userObject();
    return root instanceof RelocatorCommand command && command.verbose;
  }
}
