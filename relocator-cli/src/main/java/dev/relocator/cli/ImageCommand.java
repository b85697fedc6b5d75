package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The {@code relocator image} group: commands about single image references. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with image references.")
final class ImageCommand implements CommandGroup {

  @Override
  public List<Class<?>> commands() {
    return List.of(ImageNormalizeCommand.class, ImageRewriteCommand.class);
  }
}
