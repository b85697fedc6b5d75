package dev.relocator.cli;

import dev.relocator.vector.FindOptions;
import dev.relocator.vector.Image;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.VectorException;
import dev.relocator.vector.VectorReadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relocator vector resolve}: the image each name resolves to, with Gardener's scoring. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Resolve image names to images with Gardener's scoring, after applying IMAGEVECTOR_OVERWRITE"
          + " (when set) and the --overwrite files in order.",
      "Reports every name (all names of the vector when none are given); exits 1 if any did not resolve."
    })
final class VectorResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--vector", required = true, paramLabel = "FILE", description = "The image vector.")
  Path vector;

  @Option(names = "--kubernetes-version", paramLabel = "V", description = "Sets both the runtime and the target version.")
  String kubernetesVersion;

  @Option(names = "--runtime-version", paramLabel = "V", description = "The Kubernetes version the images run on.")
  String runtimeVersion;

  @Mixin VectorSelection selection;

  @Option(names = "--arch", paramLabel = "A", description = "The CPU architecture (default: amd64).")
  String arch;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Image names to resolve (default: every name in the vector).")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    FindOptions options = options();
    Optional<ImageVector> read = read(err);
    if (read.isEmpty()) {
      return ExitCodes.FAILURE;
    }
    ImageVector merged = read.get();
    List<String> wanted = names.isEmpty() ? merged.names() : names;
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean unresolved = false;
    for (String name : wanted) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", name);
      try {
        Image image = merged.find(name, options);
        row.put("image", image.toString());
        row.put("repository", image.repository());
        row.put("tag", image.tag());
        row.put("ref", image.ref());
        row.put("version", image.version());
        row.put("error", null);
      } catch (RuntimeException e) {
        unresolved = true;
        for (String key : List.of("image", "repository", "tag", "ref", "version")) {
          row.put(key, null);
        }
        row.put("error", e.getMessage());
      }
      rows.add(row);
    }
    render(rows);
    return unresolved && !selection.allowUnresolved ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private FindOptions options() {
    // An empty value (an unset shell variable) would silently mean "any version": refuse it.
    VectorSelection.requireNotBlank(spec, "--kubernetes-version", kubernetesVersion);
    VectorSelection.requireNotBlank(spec, "--runtime-version", runtimeVersion);
    FindOptions target = selection.target();
    VectorSelection.requireNotBlank(spec, "--arch", arch);
    if (arch != null) {
      VectorSelection.requireKnownArchitecture(spec, arch);
    }
    FindOptions find = target != null ? target : selection.parsed("--kubernetes-version", () -> FindOptions.of(null, kubernetesVersion, null));
    String runtime = runtimeVersion != null ? runtimeVersion : kubernetesVersion;
    String runtimeOption = runtimeVersion != null ? "--runtime-version" : "--kubernetes-version";
    return selection.parsed(runtimeOption, () -> find.withRuntimeVersion(runtime)).withArchitecture(arch);
  }

  /** The vector with every overwrite applied, or empty after printing the errors. */
  private Optional<ImageVector> read(PrintWriter err) {
    VectorReadResult read = selection.read(vector);
    VectorCommand.print(err, read.diagnostics());
    if (read.hasErrors()) {
      err.println("relocator: not resolved: fix the errors above");
      err.flush();
      return Optional.empty();
    }
    return Optional.of(read.vector());
  }

  private void render(List<Map<String, Object>> rows) {
    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case JSON -> out.println(Serialization.json(rows));
      case YAML -> out.print(Serialization.yaml(rows));
      case TEXT -> {
        int width = rows.stream().mapToInt(r -> ((String) r.get("name")).length()).max().orElse(0);
        for (Map<String, Object> row : rows) {
          Object image = row.get("image");
          out.println(pad((String) row.get("name"), width) + "  "
              + (image != null ? image : "error: " + row.get("error")));
        }
      }
    }
    out.flush();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
