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
import dev.relocator.mirror.VectorImages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

  @Mixin MirrorScope scope = MirrorScope.namingDestination("--to");

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "4", description = "Images copied at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--dry-run", description = "Print the plan (source, target, digest, size) and copy nothing.")
  boolean dryRun;

  @Option(names = "--lock", paramLabel = "FILE", description = "Write a YAML lock file of what was copied.")
  Path lock;

  @Option(names = "--write-overwrite", paramLabel = "FILE",
      description = "With --vector: write an IMAGEVECTOR_OVERWRITE pointing at the copies, pinned to their digests.")
  Path writeOverwrite;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MirrorScope.Selected selected = scope.check();
    if (writeOverwrite != null && scope.source.vector == null) {
      throw new ParameterException(spec.commandLine(), "--write-overwrite needs --vector");
    }
    TextFiles.requireWritable(lock);
    TextFiles.requireWritable(writeOverwrite);
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "invalid --jobs " + jobs + ": must be at least 1");
    }
    MirrorScope.Pairs pairs = scope.read(selected, err);
    if (pairs == null) {
      return ExitCodes.FAILURE;
    }
    List<MirrorTask> tasks = pairs.tasks();

    // The lock file records every image's platform; a single image's costs one read of its config.
    MirrorOptions options = MirrorOptions.DEFAULT.withJobs(jobs).withPlatforms(selected.platforms()).withConfigPlatforms(lock != null)
        .withReferrers(selected.referrers());
    ImageStores stores = scope.registryOptions.stores();
    try (stores; MirrorEngine engine = new MirrorEngine(stores, options)) {
      if (dryRun) {
        return MirrorRun.printPlan(engine.plan(tasks), out) > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
      }
      MirrorResult result = MirrorRun.copy(engine, tasks, err);
      if (lock != null) {
        LockFile.of(result).write(lock);
      }
      if (writeOverwrite != null) {
        MirrorRun.writeOverwrite(scope.source.vector, "relocator mirror", pairs.images().vectorSelection(), copiedImages(result),
            writeOverwrite, err);
      }
      out.println(result.summary());
      return result.failed() ? ExitCodes.FAILURE : ExitCodes.OK;
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
