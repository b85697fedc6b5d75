package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The commands of {@code relocator} at every level, and the picocli tree built from them.
 *
 * <p>They are listed here rather than in the groups' {@code subcommands} so that a command line
 * that names a command gets picocli's model of that command alone, and of each group on the way
 * to it: building the model of every command took a quarter of {@code relocator vector
 * resolve}'s start-up, and of {@code vector}'s five commands a tenth (docs/benchmarks.md,
 * "Start-up: vector resolve").
 */
final class CommandTree {
  /** The one option allowed before a command's name for that command alone to be built. */
  private static final String VERBOSE = "--verbose";

  /** The options the root alone handles when nothing else is on the command line. */
  private static final List<String> VERSION = List.of("--version", "-V");

  /**
   * A command: the name it runs by (its {@code @Command} name, checked by a test), its class, and
   * its own commands when it is a group, in the order its help lists them.
   */
  record Entry(String name, Class<?> type, List<Entry> commands) {
    Entry(String name, Class<?> type) {
      this(name, type, List.of());
    }
  }

  /** Every top-level command, in the order the root's help lists them. */
  static final List<Entry> COMMANDS = List.of(
      new Entry("relocate", RelocateCommand.class),
      new Entry("vector", VectorCommand.class, List.of(
          new Entry("validate", VectorValidateCommand.class),
          new Entry("merge", VectorMergeCommand.class),
          new Entry("resolve", VectorResolveCommand.class),
          new Entry("components", VectorComponentsCommand.class),
          new Entry("relocate", VectorRelocateCommand.class))),
      new Entry("image", ImageCommand.class, List.of(
          new Entry("normalize", ImageNormalizeCommand.class),
          new Entry("rewrite", ImageRewriteCommand.class))),
      new Entry("rules", RulesCommand.class, List.of(
          new Entry("validate", RulesValidateCommand.class))),
      new Entry("rewrite", RewriteCommand.class),
      new Entry("mirrors", MirrorsCommand.class, List.of(
          new Entry("containerd", MirrorsCommand.Containerd.class),
          new Entry("crio", MirrorsCommand.Crio.class))),
      new Entry("mirror", MirrorCommand.class),
      new Entry("verify", VerifyCommand.class),
      new Entry("serve", ServeCommand.class),
      new Entry("imagemap", ImagemapCommand.class, List.of(
          new Entry("generate", ImagemapGenerateCommand.class))),
      new Entry("audit", AuditCommand.class),
      new Entry("completion", CompletionCommand.class));

  private CommandTree() {}

  /** The root with every command: for help, completion and tests that walk the tree. */
  static CommandLine full() {
    return withAll(new CommandLine(new RelocatorCommand()), COMMANDS);
  }

  /**
   * A tree that runs {@code args} exactly as {@link #full()} does. At each level, when the next
   * argument (after any {@code --verbose}) is a command's name, picocli can parse nothing but that
   * command from there on, so the level gets that command alone, and the same is decided for its
   * own commands with the arguments after its name; for anything else (no more arguments, help,
   * an unknown command or option, an argument file) the level gets every command below it, which
   * its usage and its did-you-mean suggestions list. {@code --version} alone needs the root alone.
   */
  static CommandLine forArgs(String... args) {
    CommandLine root = new CommandLine(new RelocatorCommand());
    if (versionOnly(args)) {
      return root;
    }
    return withInvoked(root, COMMANDS, args, 0);
  }

  private static CommandLine withInvoked(CommandLine parent, List<Entry> commands, String[] args, int from) {
    int at = afterVerbose(args, from);
    Entry invoked = named(commands, args, at);
    if (invoked == null) {
      return withAll(parent, commands);
    }
    CommandLine command = new CommandLine(invoked.type());
    parent.addSubcommand(invoked.name(), withInvoked(command, invoked.commands(), args, at + 1));
    return parent;
  }

  private static CommandLine withAll(CommandLine parent, List<Entry> commands) {
    for (Entry entry : commands) {
      parent.addSubcommand(entry.name(), withAll(new CommandLine(entry.type()), entry.commands()));
    }
    return parent;
  }

  /** The top-level command {@code args} name before anything else but {@code --verbose}, or null. */
  static Entry invoked(String... args) {
    return named(COMMANDS, args, afterVerbose(args, 0));
  }

  private static int afterVerbose(String[] args, int from) {
    int at = from;
    while (at < args.length && args[at].equals(VERBOSE)) {
      at++;
    }
    return at;
  }

  private static Entry named(List<Entry> commands, String[] args, int at) {
    if (at >= args.length) {
      return null;
    }
    for (Entry entry : commands) {
      if (entry.name().equals(args[at])) {
        return entry;
      }
    }
    return null;
  }

  /** True when {@code args} are {@code --version} or {@code -V}, with nothing else but {@code --verbose}. */
  private static boolean versionOnly(String[] args) {
    int at = afterVerbose(args, 0);
    return at == args.length - 1 && VERSION.contains(args[at]);
  }
}
