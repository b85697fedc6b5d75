package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code relocator} command: runs one command line and exits with its code. */
public final class Main {
  /** The one option allowed before a command name for that command alone to be built. */
  private static final String VERBOSE = "--verbose";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args} against a fresh command tree; the returned code is one of {@link ExitCodes}. */
  public static int run(String... args) {
    return newCommandLine(args).execute(args);
  }

  /** The full command tree, every command registered; tests capture output with {@code setOut/setErr}. */
  public static CommandLine newCommandLine() {
    return configure(build(new RelocatorCommand(), null, 0));
  }

  /**
   * A command tree that runs {@code args} exactly as the full tree does, holding only the
   * commands they invoke. When the first argument after a group (and any {@code --verbose}) names
   * one of its commands, none of the group's other commands can be parsed, so leaving them out
   * changes no output; for anything else (help, version, a mistake, nothing) the group gets all
   * its commands, which its usage lists.
   */
  public static CommandLine newCommandLine(String... args) {
    return configure(build(new RelocatorCommand(), args, 0));
  }

  /** {@code command} with its commands: only the one {@code args} name from {@code next} on, if any. */
  private static CommandLine build(Object command, String[] args, int next) {
    CommandLine commandLine = new CommandLine(command);
    if (command instanceof CommandGroup group) {
      int at = args == null ? -1 : named(args, next);
      Class<?> chosen = null;
      for (Class<?> sub : group.commands()) {
        if (at >= 0 && chosen == null && names(sub).contains(args[at])) {
          chosen = sub;
        }
      }
      if (chosen != null) {
        commandLine.addSubcommand(build(instance(chosen), args, at + 1));
      } else {
        for (Class<?> sub : group.commands()) {
          commandLine.addSubcommand(build(instance(sub), null, 0));
        }
      }
    }
    return commandLine;
  }

  /** The index of the argument that may name a command: the first one from {@code next} but for --verbose, or -1. */
  private static int named(String[] args, int next) {
    int at = next;
    while (at < args.length && args[at].equals(VERBOSE)) {
      at++;
    }
    return at < args.length && !args[at].startsWith("-") ? at : -1;
  }

  private static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    String[] names = new String[annotation.aliases().length + 1];
    names[0] = annotation.name();
    System.arraycopy(annotation.aliases(), 0, names, 1, annotation.aliases().length);
    return List.of(names);
  }

  private static Object instance(Class<?> command) {
    try {
      return CommandLine.defaultFactory().create(command);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the command " + command.getName(), e);
    }
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
