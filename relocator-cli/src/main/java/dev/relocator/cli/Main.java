package dev.relocator.cli;

/** Entry point of the {@code relocator} command. STUB: the CLI work item replaces this. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("relocator: not yet implemented");
    System.exit(2);
  }
}
