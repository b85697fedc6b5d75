package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator rules} group: rewrite rules files checked on their own. */
@Command(
    name = "rules",
    subcommands = {RulesValidateCommand.class},
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with rewrite rules files (docs/rules.md) and KubeOne cluster files read as rules.")
final class RulesCommand {}
