package dev.relocator.cli;

import picocli.CommandLine;

/** Entry point of the {@code relocator} command: runs one command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // picocli's default factory otherwise looks for Groovy's Closure class when it first loads:
    // a lookup that fails only after opening the 40 MB jar and indexing its 25,000 entries, on
    // every start. The CLI's annotations hold no Groovy closures.
    System.setProperty("picocli.disable.closures", "true");
    // Every CommandLine registers picocli's converters for java.time's and java.sql's types by
    // Class.forName, which initialises them (Year's and YearMonth's parsers build date-time
    // formatters) and loads java.sql: 96 classes and about 4 ms of each start. No option of ours
    // takes such a type without a converter of its own (DurationConverter; checked by
    // ConverterExcludesTest).
    System.setProperty("picocli.converters.excludes", CONVERTER_EXCLUDES);
    System.exit(run(args));
  }

  /** picocli's built-in converters {@link #main} leaves out: regular expressions on the type's name. */
  static final String CONVERTER_EXCLUDES = "java\\.time\\..*,java\\.sql\\..*";

  /** Runs {@code args} against a fresh command tree; the returned code is one of {@link ExitCodes}. */
  public static int run(String... args) {
    return newCommandLine(args).execute(args);
  }

  /** The whole command tree; tests capture output with {@code setOut/setErr}. */
  public static CommandLine newCommandLine() {
    return configure(CommandTree.full());
  }

  /**
   * A command tree that runs {@code args} exactly as the whole tree does, holding only the command
   * they name when they name one (see {@link CommandTree#forArgs}).
   */
  public static CommandLine newCommandLine(String... args) {
    return configure(CommandTree.forArgs(args));
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
