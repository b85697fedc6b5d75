package dev.relocator.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The {@code relocator imagemap} group: ImageMaps for the admission webhook. */
@Command(
    name = "imagemap",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with ImageMaps, the webhook's record of where images were relocated.")
final class ImagemapCommand implements CommandGroup {

  @Override
  public List<Class<?>> commands() {
    return List.of(ImagemapGenerateCommand.class);
  }
}
