package dev.relocator.cli;

import dev.relocator.IoErrors;
import dev.relocator.RelocatorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line on stderr ({@code relocator: what,
 * where, why}) and an exit code; the stack trace only with {@code --verbose}.
 *
 * <p>A class rather than a method reference for the exit-code mapper: linking a lambda for one of
 * picocli's interfaces (Java 5 class files) while the launcher writes its start-up archive keeps
 * that interface, this class and their users out of the archive, so every start would open the
 * 36 MB jar to load them.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    boolean verbose = isVerbose(commandLine);
    String line = describe(e);
    if (!verbose && isInternal(e)) {
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

  /** One line saying what failed: the message for our own errors, {@link IoErrors}' line for I/O. */
  static String describe(Throwable e) {
    if (e instanceof RelocatorException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    if (e instanceof IOException io) {
      return IoErrors.describe(io);
    }
    String message = e.getMessage();
    return "internal error: " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A failure that is a bug or an unforeseen state, not a problem with the user's input. */
  private static boolean isInternal(Throwable e) {
    return !(e instanceof RelocatorException || e instanceof IOException || e instanceof UncheckedIOException);
  }

  private static boolean isVerbose(CommandLine commandLine) {
    Object root = commandLine.getCommandSpec().root().userObject();
    return root instanceof RelocatorCommand command && command.verbose;
  }
}
