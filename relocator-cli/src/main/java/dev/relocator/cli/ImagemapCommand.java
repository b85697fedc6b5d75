package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator imagemap} group: ImageMaps for the admission webhook ({@link CommandTree} lists its commands). */
@Command(
    name = "imagemap",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with ImageMaps, the webhook's record of where images were relocated.")
final class ImagemapCommand {}
