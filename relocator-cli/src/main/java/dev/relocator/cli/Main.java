package dev.relocator.cli;

import picocli.CommandLine;

/** Entry point of the {@code relocator} command: runs one command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args} against a fresh command tree; the returned code is one of {@link ExitCodes}. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** A fully configured command tree; tests call it to capture output with {@code setOut/setErr}. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new RelocatorCommand());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(new UsageErrorReporter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(ErrorReporter::exitCodeOf);
    return commandLine;
  }
}
