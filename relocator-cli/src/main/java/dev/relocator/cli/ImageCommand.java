package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator image} group: commands about single image references. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with image references.",
    subcommands = {ImageNormalizeCommand.class, ImageRewriteCommand.class})
final class ImageCommand {}
