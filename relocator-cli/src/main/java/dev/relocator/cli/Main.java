package dev.relocator.cli;

import dev.relocator.registry.http.RegistryWarmUp;
import picocli.CommandLine;

/** Entry point of the {@code relocator} command: runs one command line and exits with its code. */
public final class Main {
  /** The root's option, which may come before a command's name. */
  private static final String VERBOSE = "--verbose";

  /**
   * Idle connections HttpURLConnection keeps per host (the JDK's default is 5): a mirror runs up
   * to 4 images and 8 blob transfers at once by default, and a connection not kept costs a new
   * one, against a TLS registry a new handshake.
   */
  private static final String KEPT_CONNECTIONS = "32";

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", KEPT_CONNECTIONS); // read once, at the first connection
    }
    String command = commandName(args);
    if (command.equals("mirror") || command.equals("verify")) {
      RegistryWarmUp.startInBackground(); // meanwhile the command line is parsed
    }
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

  /** The first argument but for {@code --verbose}: the command a command line names, if any. */
  private static String commandName(String[] args) {
    for (String arg : args) {
      if (!arg.equals(VERBOSE)) {
        return arg;
      }
    }
    return "";
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
