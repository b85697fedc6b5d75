package dev.relocator.cli;

import dev.relocator.mirror.MirrorTask;
import dev.relocator.mirror.ReferrersMode;
import dev.relocator.oci.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code mirror} copies and {@code verify} checks, shared with one set of rules: the images
 * (exactly one source, a vector with its {@link VectorSelection}), where they go ({@code
 * --to}/{@code --registry}, {@code --rules}), which platforms ({@code --arch}) and attached
 * artifacts ({@code --referrers}), and how registries are reached ({@link RegistryOptions}).
 * Verify checks what a mirror with the same options copied, so one command line serves both.
 */
final class MirrorScope {
  /** The command these options are mixed into, for its usage errors. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** How the command's messages name the destination: the name it documents first. */
  private final String toOption;

  @ArgGroup(exclusive = true, multiplicity = "1")
  MirrorSources source;

  @Mixin VectorSelection selection;

  @Mixin RegistryOptions registryOptions;

  @Option(names = {"--to", "--registry"}, paramLabel = "REGISTRY[/PREFIX]|oci:DIR|oci-archive:FILE",
      description = "Where the images go (for verify: went): a registry keeps each image's path under PREFIX "
          + "(127.0.0.1:5001/mirror sends 127.0.0.1:5000/demo/app:1.0 to 127.0.0.1:5001/mirror/demo/app:1.0). "
          + "Required unless --rules relocates every image. --to and --registry are one option, so mirror's "
          + "command line serves verify.")
  String to;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Rewrite rules (docs/rules.md) or a KubeOne cluster file (docs/kubeone.md) naming the targets; "
          + "images no rule changes go to --to.")
  Path rules;

  @Option(names = "--arch", split = ",", paramLabel = "ARCH|OS/ARCH[/VARIANT]",
      description = "Only these platforms of multi-platform images: mirror rewrites the index, whose digest changes "
          + "(the summary says so); verify checks an index pinned by digest under that rewritten digest, computed "
          + "from the source (which must be readable). Default: every platform, digest kept.")
  List<String> arch = new ArrayList<>();

  @Option(names = "--referrers", paramLabel = "all|signatures|none", defaultValue = "all",
      description = "Attached artifacts carried with every manifest: cosign's sha256-<hex>.sig/.att/.sbom tags and "
          + "OCI 1.1 referrers (all); only signatures (signatures); nothing (none). verify checks that those found "
          + "at the source (which must be readable; else a note says so) are at the target too. "
          + "Default: ${DEFAULT-VALUE}.")
  String referrers;

  private MirrorScope(String toOption) {
    this.toOption = toOption;
  }

  /**
   * Options whose messages name the destination {@code toOption}: {@code --to} for mirror,
   * {@code --registry} for verify. The commands initialise their mixin field with it, so picocli
   * fills this instance rather than making one.
   */
  static MirrorScope namingDestination(String toOption) {
    return new MirrorScope(toOption);
  }

  /** The platforms and attached artifacts asked for, each parsed once. */
  record Selected(List<Platform> platforms, ReferrersMode referrers) {
    /** One {@code --arch} also selects vector entries by architecture; else null. */
    String findArchitecture() {
      return platforms.size() == 1 ? platforms.get(0).architecture() : null;
    }
  }

  /** The images with their targets, in input order, and the sources they were read from. */
  record Pairs(List<MirrorTask> tasks, MirrorSources.Images images) {}

  /** Refuses, as usage errors, every mistake in these options that can be seen before any input is read. */
  Selected check() {
    selection.requireVector(source.vector != null);
    source.check(command);
    MirrorTargets.check(command, rules, to, toOption);
    registryOptions.check();
    List<Platform> platforms = VectorSelection.platforms(command, arch);
    try {
      return new Selected(platforms, ReferrersMode.parse(referrers));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--referrers: " + e.getMessage());
    }
  }

  /**
   * Reads the targets, then the sources, and pairs each image with its targets; the registry
   * options take the insecure registries a KubeOne file names. Null after printing to {@code err}
   * the errors that make an input unusable.
   */
  Pairs read(Selected selected, PrintWriter err) {
    // Rules first: a KubeOne cluster file among them gives the vector its Kubernetes version.
    MirrorTargets targets = MirrorTargets.load(rules, to, toOption, err);
    if (targets == null) {
      return null;
    }
    selection.defaultTargetVersions(targets.targetVersions(List.of()));
    MirrorSources.Images images = source.read(selection, selected.findArchitecture(), err);
    if (images == null) {
      return null;
    }
    registryOptions.insecureRegistries.addAll(targets.insecureRegistries());
    LinkedHashSet<MirrorTask> tasks = new LinkedHashSet<>();
    images.sources().forEach((image, from) -> targets.of(image).forEach(target -> tasks.add(new MirrorTask(from, target))));
    // A layout's images named by a tag alone too, or a layout of such images would give nothing.
    images.tagged().forEach((tag, from) -> tasks.add(new MirrorTask(from, targets.ofTag(tag, source.from))));
    return new Pairs(List.copyOf(tasks), images);
  }
}
