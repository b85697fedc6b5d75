package dev.relocator.cli;

/** The exit codes of every {@code relocator} command. */
final class ExitCodes {
  /** Everything asked for was done. */
  public static final int OK = 0;

  /** The command ran but found a problem: invalid input, an unresolved name, a failed copy. */
  public static final int FAILURE = 1;

  /** The command line itself was wrong: unknown option, missing parameter, bad value. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
