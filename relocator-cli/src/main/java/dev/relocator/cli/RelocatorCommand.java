package dev.relocator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code relocator} command: holds the global options; its commands are {@link CommandTree}'s. */
@Command(
    name = "relocator",
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
