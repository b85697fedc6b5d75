package dev.relocator.cli;

import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.image.LayoutText;
import dev.relocator.imagemap.api.ImageMapManifests;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.mirror.LockFile;
import dev.relocator.mirror.VectorImages;
import dev.relocator.rewrite.RewriteRules;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relocator imagemap generate}: the ImageMap that sends pods to the relocated images. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the ImageMap (--namespace) or ClusterImageMap (--cluster) mapping every relocated image"
          + " to its relocation.",
      "From a lock file (mirror --lock) each image goes to its copy pinned to the copied digest;"
          + " from a vector with rules each image goes to the name the rules give it."
    })
final class ImagemapGenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** What was relocated: a lock, or a vector whose images the rules relocate. */
  static final class Input {
    @Option(names = "--lock", paramLabel = "FILE", description = "A lock file written by relocator mirror --lock.")
    Path lock;

    @Option(names = "--vector", paramLabel = "FILE", description = "A Gardener image vector (needs --rules).")
    Path vector;
  }

  @Mixin VectorSelection selection;

  @Option(names = "--rules", paramLabel = "FILE", description = "The rewrite rules (docs/rules.md) that relocate --vector.")
  Path rules;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Scope scope;

  /** Where the map applies. */
  static final class Scope {
    @Option(names = "--namespace", paramLabel = "NS", description = "Write an ImageMap for the pods of namespace NS.")
    String namespace;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Write a ClusterImageMap NAME for the pods of every namespace.")
    String cluster;
  }

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "relocator",
      description = "The ImageMap's name with --namespace (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the map (default: standard output).")
  Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TextFiles.requireWritable(output);
    ImageMapManifests.Scope where = scope();
    String from;
    List<MapEntry> entries;
    if (input.lock != null) {
      refuseVectorOptions();
      from = input.lock.toString();
      entries = fromLock(input.lock);
    } else {
      if (rules == null) {
        throw new ParameterException(spec.commandLine(), "--vector needs --rules: they say where each image was relocated");
      }
      from = input.vector + " and " + rules;
      entries = fromVector(err);
      if (entries == null) {
        return ExitCodes.FAILURE;
      }
    }
    if (entries.isEmpty()) {
      throw new RelocatorException("nothing to map: " + from + " relocates no image");
    }
    String text = text(where, entries, "relocator imagemap generate", from);
    if (output == null) {
      spec.commandLine().getOut().print(text);
    } else {
      TextFiles.write(output, text);
      spec.commandLine().getOut().println("wrote " + output);
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The maps' YAML with a header naming what wrote it from which input; a map the API server would refuse names {@code from}. */
  static String text(ImageMapManifests.Scope where, List<MapEntry> entries, String writtenBy, String from) {
    try {
      return "# Written by " + writtenBy + " from " + from + ".\n" + ImageMapManifests.yaml(where, entries);
    } catch (IllegalArgumentException e) {
      throw new RelocatorException(from + ": " + e.getMessage(), e);
    }
  }

  /** The map's scope; a name the API server would refuse is a usage error naming its option. */
  private ImageMapManifests.Scope scope() {
    if (scope.namespace == null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--name")) {
        throw new ParameterException(spec.commandLine(), "--name names an ImageMap: with --cluster NAME, NAME is the name");
      }
      try {
        return new ImageMapManifests.Cluster(scope.cluster);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--cluster: " + e.getMessage());
      }
    }
    try {
      return new ImageMapManifests.Namespaced(scope.namespace, name);
    } catch (IllegalArgumentException e) {
      String option = e.getMessage().startsWith("invalid namespace") ? "--namespace" : "--name";
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private void refuseVectorOptions() {
    if (rules != null || !selection.overwrites.isEmpty() || !selection.targetVersions.isEmpty()
        || selection.allowUnresolved) {
      throw new ParameterException(spec.commandLine(),
          "--rules, --overwrite and --target-version go with --vector: a lock already names each copy");
    }
  }

  /** Each locked image to its copy, which the lock pins to the digest stored there. */
  private List<MapEntry> fromLock(Path lock) {
    if (!Files.isRegularFile(lock)) {
      throw new ParameterException(spec.commandLine(), "--lock " + lock + ": no such file (write one with relocator mirror --lock)");
    }
    LockFile read = LockFile.read(lock);
    List<MapEntry> entries = new ArrayList<>();
    for (int i = 0; i < read.images().size(); i++) {
      LockFile.Entry image = read.images().get(i);
      if (LayoutText.split(image.target()).isPresent()) {
        throw new RelocatorException(lock + ": images[" + i + "]: target " + image.target()
            + " is an OCI layout, which pods cannot pull from: map the lock of the copy into a registry");
      }
      entries.add(new MapEntry(podName(lock, i, image.source()), image.target()));
    }
    return entries;
  }

  /**
   * The name pods use for a locked source: a registry reference as it is; for an image copied out of
   * a layout ({@code oci:DIR:NAME}), the NAME the layout gave it, which is the reference it was
   * saved from, unless it is a tag alone, which no pod names.
   */
  private static String podName(Path lock, int i, String source) {
    Optional<LayoutText> layout = LayoutText.split(source);
    if (layout.isEmpty()) {
      return source;
    }
    String name = layout.get().name();
    if (!layout.get().namesImage()) {
      throw new RelocatorException(lock + ": images[" + i + "]: source " + source + " names no image in its layout"
          + " (expected " + layout.get().prefix() + layout.get().pathLabel() + ":NAME, as mirror --lock writes it)");
    }
    if (MirrorSources.namedByTagAlone(name)) {
      throw new RelocatorException(lock + ": images[" + i + "]: source " + source + " is named by the tag \"" + name
          + "\" alone, so no pod names it: map the image's original reference instead (for example with --vector)");
    }
    return name;
  }

  /** Each image of the vector that a rule relocates, to its new name; null after printing errors. */
  private List<MapEntry> fromVector(PrintWriter err) {
    RulesOption option = new RulesOption();
    option.file = rules;
    RewriteRules loaded = option.load(err);
    if (loaded == null) {
      return null;
    }
    VectorImages.Selection selected = MirrorSources.resolvedOnly(MirrorSources.readVector(input.vector, selection, null, err),
        selection.allowUnresolved, " (--allow-unresolved leaves them out)", err);
    if (selected == null) {
      return null;
    }
    List<MapEntry> entries = new ArrayList<>();
    for (ImageReference image : selected.images()) {
      ImageReference relocated = loaded.apply(image);
      if (relocated.equals(image)) {
        err.println("relocator: warning: no rule relocates " + image + ": it is left out of the map");
      } else {
        entries.add(new MapEntry(image.toString(), relocated.toString()));
      }
    }
    err.flush();
    return entries;
  }
}
