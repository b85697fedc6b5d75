package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator rules} group: rewrite rules files checked on their own ({@link CommandTree} lists its commands). */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with rewrite rules files (docs/rules.md) and KubeOne cluster files read as rules.")
final class RulesCommand {}
