package dev.relocator.cli;

import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageList;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.registry.Descriptor;
import dev.relocator.registry.OciLayout;
import dev.relocator.registry.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relocator verify}: a pre-flight check that every relocated image exists. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check (HEAD) that every image exists at its relocated name, before an install.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--images", required = true, paramLabel = "FILE", description = "One image reference per line.")
  Path images;

  @Option(names = "--registry", required = true, paramLabel = "REGISTRY[/PREFIX]|oci:DIR",
      description = "Where the images were mirrored, named as relocator mirror --to names them.")
  String registry;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MirrorDestination destination = MirrorDestination.parse(registry);
    ImageStores stores = registryOptions.stores(System.getenv());
    int checked = 0;
    List<String> missing = new ArrayList<>();
    for (ImageReference image : ImageList.read(images)) {
      for (ImageLocation target : destination.targets(image)) {
        checked++;
        Optional<Descriptor> found;
        try {
          found = check(stores, image, target);
        } catch (RegistryException e) {
          missing.add(target + ": " + e.getMessage());
          out.println("error   " + target + ": " + e.getMessage());
          continue;
        }
        if (found.isPresent()) {
          out.println("ok      " + target + "@" + found.get().digest());
        } else {
          missing.add(target.toString());
          out.println("missing " + target);
        }
      }
    }
    out.println("verified " + (checked - missing.size()) + "/" + checked + " images present");
    return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** By digest when the source pins one (the copy must be that exact image), else by tag. */
  private static Optional<Descriptor> check(ImageStores stores, ImageReference source, ImageLocation target) {
    if (target instanceof ImageLocation.Layout layout) {
      return OciLayout.open(layout.dir()).resolve(layout.refName());
    }
    ImageReference ref = ((ImageLocation.Registry) target).reference();
    String reference = source.digest().map(Object::toString).or(ref::tag).orElse("latest");
    return stores.client(ref.domain()).checkManifest(ref.path(), reference);
  }
}
