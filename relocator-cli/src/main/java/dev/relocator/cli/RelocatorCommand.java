package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code relocator} command: holds the global options and lists the command groups. */
@Command(
    name = "relocator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Relocates a Kubernetes platform's container images to a registry you control.")
public final class RelocatorCommand {

  /**
   * The command groups in help order. They are deliberately not {@code @Command(subcommands)}:
   * {@link Main} registers only the group a command line invokes, because picocli building every
   * group's model on each start costs more than the work of a typical command.
   */
  static final List<Class<?>> GROUPS =
      List.of(VectorCommand.class, ImageCommand.class, RewriteCommand.class, MirrorsCommand.class);

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and extra detail on errors.")
  boolean verbose;
}
