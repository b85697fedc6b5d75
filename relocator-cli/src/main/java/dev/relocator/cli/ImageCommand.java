package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator image} group: commands about single image references ({@link CommandTree} lists them). */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with image references.")
final class ImageCommand {}
