package dev.relocator.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Prints a command-line mistake as one line plus where to find help, and exits with 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    e = misspeltOption(e);
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("relocator: " + describe(e));
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * An unknown option (alone, or followed by the value it was given, which picocli then cannot
   * match either) with the one suggestion nearest to it; picocli's own words otherwise.
   */
  private static String describe(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> args = unmatched.getUnmatched();
      boolean optionAlone = args.size() == 1 && args.get(0).startsWith("-");
      boolean optionAndValue = args.size() == 2 && args.get(0).startsWith("-") && !args.get(1).startsWith("-");
      if (optionAlone || optionAndValue) {
        String option = args.get(0);
        List<String> suggestions =
            new CommandLine.UnmatchedArgumentException(e.getCommandLine(), List.of(option)).getSuggestions();
        return "unknown option " + option
            + (suggestions.isEmpty() ? "" : ", did you mean " + suggestions.get(0) + "?");
      }
    }
    return e.getMessage();
  }

  /**
   * picocli checks required options before it complains of unknown ones, so "--vectr FILE" would
   * read "Missing required option '--vector'": the misspelt option, with its suggestion, is the
   * mistake to report.
   */
  private static ParameterException misspeltOption(ParameterException e) {
    if (!(e instanceof CommandLine.MissingParameterException)) {
      return e;
    }
    CommandLine commandLine = e.getCommandLine();
    List<String> unknown = commandLine.getParseResult() == null
        ? List.of()
        : commandLine.getParseResult().unmatched().stream().filter(a -> a.startsWith("-")).toList();
    return unknown.isEmpty() ? e : new CommandLine.UnmatchedArgumentException(commandLine, unknown);
  }
}
