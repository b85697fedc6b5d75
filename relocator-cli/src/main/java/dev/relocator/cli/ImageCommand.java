package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator image} group: commands about single image references. */
@Command(
    name = "image",
    subcommands = {ImageNormalizeCommand.class, ImageRewriteCommand.class},
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with image references.")
final class ImageCommand {}
