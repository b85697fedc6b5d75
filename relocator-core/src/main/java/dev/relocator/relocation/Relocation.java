package dev.relocator.relocation;

import dev.relocator.rewrite.RewriteRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A relocation file ({@code apiVersion: relocator.dev/v1alpha1}, {@code kind: Relocation}), read
 * and checked by {@link RelocationReader}: every path is already resolved against the file's
 * directory. Values only the registry and Kubernetes modules can judge (the target, platforms,
 * endpoints, the ImageMap scope) are {@link Located}, so their checks can point into the file.
 *
 * @param file the relocation file, as given
 * @param rules the rules, read from their file or from the inline list
 * @param referrers what travels with each image ({@code all}, {@code signatures}, {@code none}, as
 *     {@code mirror --referrers}); empty: all
 */
public record Relocation(
    Path file,
    Optional<VectorSource> vector,
    List<Path> images,
    List<Path> manifests,
    Optional<Located> bundle,
    Optional<RewriteRules> rules,
    Optional<Located> target,
    Registries registries,
    Outputs outputs,
    Optional<Located> referrers) {

  /** The API version and kind a relocation file declares. */
  public static final String API_VERSION = "relocator.dev/v1alpha1";
  public static final String KIND = "Relocation";

  public Relocation {
    Objects.requireNonNull(file, "file");
    images = List.copyOf(images);
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(referrers, "referrers");
  }

  /**
   * {@code sources.vector}: a Gardener image vector with its overwrites.
   *
   * @param kubernetesVersions the target versions; none: every entry naming a complete image
   * @param architectures the platforms kept (as {@code mirror --arch} takes them); none: all
   */
  public record VectorSource(Path file, List<Path> overwrites, List<String> kubernetesVersions,
      List<Located> architectures) {
    public VectorSource {
      Objects.requireNonNull(file, "file");
      overwrites = List.copyOf(overwrites);
      kubernetesVersions = List.copyOf(kubernetesVersions);
      architectures = List.copyOf(architectures);
    }
  }

  /**
   * {@code registries}: the meaning of the CLI's {@code --insecure-registry}, {@code --ca-file} and
   * {@code --registry-endpoint}.
   *
   * @param endpoints each registry name to the endpoints tried in order, as written
   */
  public record Registries(List<String> insecure, Optional<Path> caFile, Map<String, List<Located>> endpoints) {
    public static final Registries NONE = new Registries(List.of(), Optional.empty(), Map.of());

    public Registries {
      insecure = List.copyOf(insecure);
      endpoints = Map.copyOf(endpoints);
    }
  }

  /** {@code outputs}: every file the run writes; each is optional. */
  public record Outputs(Optional<Path> lock, Optional<Path> overwrite, Optional<ImageMaps> imageMaps,
      Optional<Path> containerd, Optional<Path> crio) {
    public static final Outputs NONE =
        new Outputs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code outputs.imageMaps}: an ImageMap in {@code namespace} or a ClusterImageMap named
   * {@code cluster} (exactly one is present), written to {@code file}.
   */
  public record ImageMaps(Path file, Optional<Located> namespace, Optional<Located> cluster) {}
}
