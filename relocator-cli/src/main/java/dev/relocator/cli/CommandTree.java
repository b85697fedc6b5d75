package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The top-level commands of {@code relocator}, and the picocli tree built from them.
 *
 * <p>They are listed here rather than in {@link RelocatorCommand}'s {@code subcommands} so that a
 * command line that names one command gets picocli's model of that command alone: building the
 * model of every command took a quarter of {@code relocator vector resolve}'s start-up
 * (docs/benchmarks.md, "Start-up: vector resolve"). Each command's own subcommands stay in its
 * annotation and are always built with it.
 */
final class CommandTree {
  /** The one option allowed before a command's name for that command alone to be built. */
  private static final String VERBOSE = "--verbose";

  /** A top-level command: the name it runs by (its {@code @Command} name, checked by a test) and its class. */
  record Entry(String name, Class<?> type) {}

  /** Every top-level command, in the order the root's help lists them. */
  static final List<Entry> COMMANDS = List.of(
      new Entry("relocate", RelocateCommand.class),
      new Entry("vector", VectorCommand.class),
      new Entry("image", ImageCommand.class),
      new Entry("rules", RulesCommand.class),
      new Entry("rewrite", RewriteCommand.class),
      new Entry("mirrors", MirrorsCommand.class),
      new Entry("mirror", MirrorCommand.class),
      new Entry("verify", VerifyCommand.class),
      new Entry("serve", ServeCommand.class),
      new Entry("imagemap", ImagemapCommand.class),
      new Entry("audit", AuditCommand.class),
      new Entry("completion", CompletionCommand.class));

  private CommandTree() {}

  /** The root with every command: for help, completion and tests that walk the tree. */
  static CommandLine full() {
    CommandLine root = new CommandLine(new RelocatorCommand());
    for (Entry entry : COMMANDS) {
      root.addSubcommand(entry.name(), entry.type());
    }
    return root;
  }

  /**
   * A tree that runs {@code args} exactly as {@link #full()} does. When the first argument (after
   * any {@code --verbose}) is a command's name, picocli can parse nothing but that command from
   * there on, so the root gets that command alone; for anything else (no arguments, help,
   * version, an unknown command or option, an argument file) the root gets every command, which
   * its usage and its did-you-mean suggestions list.
   */
  static CommandLine forArgs(String... args) {
    Entry invoked = invoked(args);
    if (invoked == null) {
      return full();
    }
    CommandLine root = new CommandLine(new RelocatorCommand());
    root.addSubcommand(invoked.name(), invoked.type());
    return root;
  }

  /** The command {@code args} name before anything else but {@code --verbose}, or null. */
  static Entry invoked(String... args) {
    int at = 0;
    while (at < args.length && args[at].equals(VERBOSE)) {
      at++;
    }
    if (at == args.length) {
      return null;
    }
    for (Entry entry : COMMANDS) {
      if (entry.name().equals(args[at])) {
        return entry;
      }
    }
    return null;
  }
}
