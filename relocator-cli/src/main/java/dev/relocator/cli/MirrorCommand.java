package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.mirror.ImageList;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.mirror.MirrorEngine;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorPlan;
import dev.relocator.mirror.MirrorResult;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.registry.OciLayout;
import dev.relocator.registry.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relocator mirror}: copies images faithfully into a registry or an OCI layout. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Copy images byte for byte (same digests) to a registry or an OCI layout, in parallel; "
        + "re-running copies only what is missing.")
final class MirrorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(names = "--images", paramLabel = "FILE", description = "One image reference per line (# comments).")
    Path images;

    @Option(names = "--from", paramLabel = "oci:DIR",
        description = "Every image named in this OCI layout (as written by --to oci:DIR).")
    String from;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--to", required = true, paramLabel = "REGISTRY[/PREFIX]|oci:DIR",
      description = "Destination: the registry keeps each image's path under PREFIX "
          + "(127.0.0.1:5001/mirror sends 127.0.0.1:5000/demo/app:1.0 to 127.0.0.1:5001/mirror/demo/app:1.0).")
  String to;

  @Option(names = "--arch", split = ",", paramLabel = "ARCH|OS/ARCH[/VARIANT]",
      description = "Copy only these platforms of multi-platform images; the index is then rewritten and its "
          + "digest changes (the summary says so). Default: every platform, digest kept.")
  List<String> arch = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "4", description = "Images copied at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--dry-run", description = "Print the plan (source, target, digest, size) and copy nothing.")
  boolean dryRun;

  @Option(names = "--lock", paramLabel = "FILE", description = "Write a YAML lock file of what was copied.")
  Path lock;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<MirrorTask> tasks = tasks(MirrorDestination.parse(to));
    List<Platform> platforms = arch.stream().map(Platform::parse).toList();
    MirrorOptions options = MirrorOptions.DEFAULT.withJobs(jobs).withPlatforms(platforms);
    ImageStores stores = registryOptions.stores(System.getenv());
    try (MirrorEngine engine = new MirrorEngine(stores, options)) {
      if (dryRun) {
        MirrorPlan plan = engine.plan(tasks);
        plan.images().forEach(image -> out.println(image.describe()));
        long unreadable = plan.images().stream().filter(i -> i.error().isPresent()).count();
        out.println("plan: " + plan.images().size() + " images, " + plan.knownBytes() + " bytes"
            + (unreadable > 0 ? ", " + unreadable + " sources unreadable" : ""));
        return unreadable > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
      }
      MirrorProgress progress = new MirrorProgress(err, System.console() != null, tasks.size());
      MirrorResult result = engine.run(tasks, progress);
      progress.finish();
      result.failures().forEach(f -> err.println("failed: " + f));
      if (lock != null) {
        LockFile.of(result).write(lock);
      }
      out.println(result.summary());
      return result.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }

  private List<MirrorTask> tasks(MirrorDestination destination) {
    LinkedHashSet<MirrorTask> tasks = new LinkedHashSet<>();
    if (source.images != null) {
      for (ImageReference image : ImageList.read(source.images)) {
        destination.targets(image).forEach(t -> tasks.add(new MirrorTask(new ImageLocation.Registry(image), t)));
      }
    } else {
      if (!source.from.startsWith(ImageLocation.OCI_PREFIX)) {
        throw new RelocatorException("invalid --from \"" + source.from + "\": expected oci:DIR");
      }
      Path dir = Path.of(source.from.substring(ImageLocation.OCI_PREFIX.length()));
      for (String name : OciLayout.open(dir).refNames()) {
        ImageReference image;
        try {
          image = ImageReference.parse(name);
        } catch (InvalidReferenceException e) {
          throw new RelocatorException("OCI layout " + dir + ": image name \"" + name
              + "\" is not an image reference, so it has no path to keep: " + e.getMessage(), e);
        }
        destination.targets(image).forEach(t -> tasks.add(new MirrorTask(new ImageLocation.Layout(dir, name), t)));
      }
    }
    return new ArrayList<>(tasks);
  }

}
