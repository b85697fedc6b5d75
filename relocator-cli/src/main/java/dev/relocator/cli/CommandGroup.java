package dev.relocator.cli;

import java.util.List;

/**
 * A command that only groups others. Groups list their commands here rather than in
 * {@code @Command(subcommands)}, so that {@link Main} can build just the commands a command line
 * invokes: picocli building every command's model on each start costs more than the work of a
 * typical command.
 */
interface CommandGroup {
  /** The command classes of this group, in help order. */
  List<Class<?>> commands();
}
