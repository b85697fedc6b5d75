package dev.relocator.cli;

import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageResult;
import dev.relocator.mirror.ImageStores;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.MirrorEngine;
import dev.relocator.mirror.MirrorOptions;
import dev.relocator.mirror.MirrorResult;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.ReferrersMode;
import dev.relocator.mirror.VectorImages;
import dev.relocator.oci.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relocator mirror}: copies images faithfully into a registry or an OCI layout. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Copy images byte for byte (same digests) to a registry or an OCI layout, in parallel; "
        + "re-running copies only what is missing.")
final class MirrorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  MirrorSources source;

  @Mixin VectorSelection selection;

  // --registry too: verify names the same place so, and one command line serves both commands.
  @Option(names = {"--to", "--registry"}, paramLabel = "REGISTRY[/PREFIX]|oci:DIR|oci-archive:FILE",
      description = "Destination: the registry keeps each image's path under PREFIX "
          + "(127.0.0.1:5001/mirror sends 127.0.0.1:5000/demo/app:1.0 to 127.0.0.1:5001/mirror/demo/app:1.0). "
          + "Required unless --rules relocates every image. --registry is the same option, as verify names it.")
  String to;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Rewrite rules (docs/rules.md) or a KubeOne cluster file (docs/kubeone.md) naming the targets; "
          + "images no rule changes go to --to.")
  Path rules;

  @Option(names = "--arch", split = ",", paramLabel = "ARCH|OS/ARCH[/VARIANT]",
      description = "Copy only these platforms of multi-platform images; the index is then rewritten and its "
          + "digest changes (the summary says so). Default: every platform, digest kept.")
  List<String> arch = new ArrayList<>();

  @Option(names = "--referrers", paramLabel = "all|signatures|none", defaultValue = "all",
      description = "Attached artifacts copied with every manifest: cosign's sha256-<hex>.sig/.att/.sbom tags and OCI 1.1 "
          + "referrers (all); only signatures (signatures); nothing (none). Default: ${DEFAULT-VALUE}.")
  String referrers;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "4", description = "Images copied at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--dry-run", description = "Print the plan (source, target, digest, size) and copy nothing.")
  boolean dryRun;

  @Option(names = "--lock", paramLabel = "FILE", description = "Write a YAML lock file of what was copied.")
  Path lock;

  @Option(names = "--write-overwrite", paramLabel = "FILE",
      description = "With --vector: write an IMAGEVECTOR_OVERWRITE pointing at the copies, pinned to their digests.")
  Path writeOverwrite;

  @Mixin RegistryOptions registryOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    selection.requireVector(source.vector != null);
    if (writeOverwrite != null && source.vector == null) {
      throw new ParameterException(spec.commandLine(), "--write-overwrite needs --vector");
    }
    TextFiles.requireWritable(lock);
    TextFiles.requireWritable(writeOverwrite);
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --jobs " + jobs + ": must be at least 1");
    }
    source.check(spec);
    MirrorTargets.check(spec, rules, to, "--to");
    registryOptions.check();
    List<Platform> platforms = VectorSelection.platforms(spec, arch);
    ReferrersMode referrersMode = referrersMode(spec, referrers);
    String findArchitecture = platforms.size() == 1 ? platforms.get(0).architecture() : null;
    // Rules first: a KubeOne cluster file among them gives the vector its Kubernetes version.
    MirrorTargets targets = MirrorTargets.load(rules, to, "--to", err);
    if (targets == null) {
      return ExitCodes.FAILURE;
    }
    selection.defaultTargetVersions(targets.targetVersions(List.of()));
    MirrorSources.Images images = source.read(selection, findArchitecture, err);
    if (images == null) {
      return ExitCodes.FAILURE;
    }
    registryOptions.insecureRegistries.addAll(targets.insecureRegistries());
    LinkedHashSet<MirrorTask> tasks = new LinkedHashSet<>();
    images.sources().forEach((image, from) -> targets.of(image).forEach(target -> tasks.add(new MirrorTask(from, target))));
    images.tagged().forEach((tag, from) -> tasks.add(new MirrorTask(from, targets.ofTag(tag, source.from))));

    // The lock file records every image's platform; a single image's costs one read of its config.
    MirrorOptions options = MirrorOptions.DEFAULT.withJobs(jobs).withPlatforms(platforms).withConfigPlatforms(lock != null)
        .withReferrers(referrersMode);
    ImageStores stores = registryOptions.stores();
    try (stores; MirrorEngine engine = new MirrorEngine(stores, options)) {
      if (dryRun) {
        return MirrorRun.printPlan(engine.plan(List.copyOf(tasks)), out) > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
      }
      MirrorResult result = MirrorRun.copy(engine, List.copyOf(tasks), err);
      if (lock != null) {
        LockFile.of(result).write(lock);
      }
      if (writeOverwrite != null) {
        MirrorRun.writeOverwrite(source.vector, "relocator mirror", images.vectorSelection(), copiedImages(result),
            writeOverwrite, err);
      }
      out.println(result.summary());
      return result.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }

  /** {@code --referrers}' value, or a usage error saying what it accepts. */
  static ReferrersMode referrersMode(CommandSpec spec, String value) {
    try {
      return ReferrersMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--referrers: " + e.getMessage());
    }
  }

  /** Each source image copied to a registry, to its copy and the digest stored there. */
  private static Map<ImageReference, VectorImages.Copy> copiedImages(MirrorResult result) {
    Map<ImageReference, VectorImages.Copy> copied = new LinkedHashMap<>();
    for (ImageResult image : result.images()) {
      ImageReference from = image.task().source().registryReference().orElse(null);
      ImageReference target = image.task().target().registryReference().orElse(null);
      if (from != null && target != null) {
        copied.putIfAbsent(from, new VectorImages.Copy(target, image.targetDigest()));
      }
    }
    return copied;
  }
}
