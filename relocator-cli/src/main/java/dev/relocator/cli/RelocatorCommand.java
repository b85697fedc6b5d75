package dev.relocator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code relocator} command: holds the global options and lists the command groups. */
@Command(
    name = "relocator",
    subcommands = {
      RelocateCommand.class,
      VectorCommand.class,
      ImageCommand.class,
      RulesCommand.class,
      RewriteCommand.class,
      MirrorsCommand.class,
      MirrorCommand.class,
      VerifyCommand.class,
      ServeCommand.class,
      ImagemapCommand.class,
      AuditCommand.class,
      CompletionCommand.class
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Relocates a Kubernetes platform's container images to a registry you control.")
final class RelocatorCommand {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and extra detail on errors.")
  boolean verbose;
}
