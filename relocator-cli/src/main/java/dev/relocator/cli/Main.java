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

  /** The command tree; tests capture output with {@code setOut/setErr}. */
  public static CommandLine newCommandLine() {
    return configure(new CommandLine(new RelocatorCommand()));
  }

  private static CommandLine configure(CommandLine commandLine) {
    // Set on the finished tree: picocli passes these settings down to existing subcommands only.
    ErrorReporter errors = new ErrorReporter();
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(new UsageErrorReporter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(errors);
    return commandLine;
  }
}
