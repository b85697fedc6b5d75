package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code relocator} command: runs one command line and exits with its code. */
public final class Main {
  /** The root options that may precede a group name without changing which commands parse. */
  private static final String VERBOSE = "--verbose";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args} against a fresh command tree; the returned code is one of {@link ExitCodes}. */
  public static int run(String... args) {
    return newCommandLine(args).execute(args);
  }

  /** The full command tree, every group registered; tests capture output with {@code setOut/setErr}. */
  public static CommandLine newCommandLine() {
    return configure(RelocatorCommand.GROUPS);
  }

  /**
   * A command tree that runs {@code args} exactly as the full tree does, with only the command
   * group they invoke registered. When the first argument after any {@code --verbose} names a
   * group, nothing of the other groups can be parsed, so leaving them out changes no output; any
   * other command line (help, version, a mistake, no arguments) gets the full tree, whose usage
   * lists every group.
   */
  public static CommandLine newCommandLine(String... args) {
    for (String arg : args) {
      if (arg.equals(VERBOSE)) {
        continue;
      }
      for (Class<?> group : RelocatorCommand.GROUPS) {
        if (isNamed(group, arg)) {
          return configure(List.of(group));
        }
      }
      break;
    }
    return newCommandLine();
  }

  private static CommandLine configure(List<Class<?>> groups) {
    CommandLine commandLine = new CommandLine(new RelocatorCommand());
    for (Class<?> group : groups) {
      commandLine.addSubcommand(new CommandLine(group));
    }
    // Set after the groups are added: picocli passes these settings down to existing subcommands.
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(new UsageErrorReporter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(ErrorReporter::exitCodeOf);
    return commandLine;
  }

  private static boolean isNamed(Class<?> group, String arg) {
    Command command = group.getAnnotation(Command.class);
    return command.name().equals(arg) || List.of(command.aliases()).contains(arg);
  }
}
