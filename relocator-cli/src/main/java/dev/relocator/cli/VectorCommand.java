package dev.relocator.cli;

import picocli.CommandLine.Command;

/** The {@code relocator vector} group: commands about Gardener image vectors. */
@Command(
    name = "vector",
    mixinStandardHelpOptions = true,
    description = "Work with image vectors.",
    subcommands = {VectorRelocateCommand.class})
final class VectorCommand {}
