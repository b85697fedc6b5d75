package dev.relocator.cli;

import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.registry.Descriptor;
import dev.relocator.registry.OciLayout;
import dev.relocator.registry.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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

  @ArgGroup(exclusive = true, multiplicity = "1")
  MirrorSources source;

  @Option(names = "--overwrite", paramLabel = "FILE", description = "IMAGEVECTOR_OVERWRITE files merged onto --vector.")
  List<Path> overwrites = new ArrayList<>();

  @Option(names = "--target-version", paramLabel = "V", description = "Check what --vector resolves to for V. Repeatable.")
  List<String> targetVersions = new ArrayList<>();

  @Option(names = "--registry", paramLabel = "REGISTRY[/PREFIX]|oci:DIR",
      description = "Where the images were mirrored, named as relocator mirror --to names them.")
  String registry;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rewrite rules naming the targets, as for mirror.")
  Path rules;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MirrorSources.Images images = source.read(overwrites, targetVersions, null, err);
    MirrorTargets targets = images == null ? null : MirrorTargets.load(rules, registry, "--registry", err);
    if (targets == null) {
      return ExitCodes.FAILURE;
    }
    ImageStores stores = registryOptions.stores(System.getenv());
    int checked = 0;
    List<String> missing = new ArrayList<>();
    for (Map.Entry<ImageReference, ImageLocation> entry : images.sources().entrySet()) {
      for (ImageLocation target : targets.of(entry.getKey())) {
        checked++;
        Optional<Descriptor> found;
        try {
          found = check(stores, entry.getKey(), target);
        } catch (RegistryException e) {
          missing.add(target.toString());
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
