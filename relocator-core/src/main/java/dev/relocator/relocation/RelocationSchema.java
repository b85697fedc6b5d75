package dev.relocator.relocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Every key a relocation file may hold, with what it means: the reader's list of known keys
 * at each level, and what {@code relocator relocate --explain} prints, one line per key.
 */
public final class RelocationSchema {
  /** One key: its dotted path and a one-line meaning. */
  public record Key(String path, String meaning) {}

  /** In file order: each mapping key before the keys below it. */
  public static final List<Key> KEYS = List.of(
      new Key("apiVersion", "required: " + Relocation.API_VERSION),
      new Key("kind", "required: " + Relocation.KIND),
      new Key("sources", "required: where the images come from; several sources add up, each image copied once"),
      new Key("sources.vector", "a Gardener image vector"),
      new Key("sources.vector.file", "required with sources.vector: the vector file"),
      new Key("sources.vector.overwrites", "overwrite files merged over it in order, as IMAGEVECTOR_OVERWRITE is"),
      new Key("sources.vector.kubernetesVersions", "the Kubernetes versions whose images are taken;"
          + " none: every entry naming a complete image"),
      new Key("sources.vector.architectures", "the platforms kept (amd64, linux/arm64/v8); none: every platform,"
          + " digests kept"),
      new Key("sources.images", "files with one image reference per line (# comments)"),
      new Key("sources.manifests", "Kubernetes YAML files: every container image of their workloads"),
      new Key("sources.bundle", "oci:DIR or oci-archive:FILE: the other sources' images are read from it;"
          + " alone, every image in it"),
      new Key("rules", "rewrite rules (docs/rules.md): a rules or KubeOne cluster file, or an inline list of rules"),
      new Key("target", "REGISTRY[/PREFIX], oci:DIR or oci-archive:FILE; images no rule relocates go there"
          + " (relocate --target overrides it)"),
      new Key("referrers", "all (default), signatures or none: the signatures, attestations, SBOMs and referrers"
          + " carried with each image, as mirror --referrers"),
      new Key("registries", "how registries are reached, as the CLI's flags say"),
      new Key("registries.insecure", "HOST[:PORT] list: HTTPS without certificate checks, else plain HTTP"),
      new Key("registries.caFile", "PEM CA certificates to trust too"),
      new Key("registries.endpoints", "NAME: ENDPOINT or a list of them, tried in order (docker.io: https://mirror)"),
      new Key("outputs", "the files written; each is optional"),
      new Key("outputs.lock", "the lock: every image's source, digest and target pinned to the stored digest"),
      new Key("outputs.overwrite", "an IMAGEVECTOR_OVERWRITE pointing sources.vector at the copies, pinned to digests"),
      new Key("outputs.imageMaps", "ImageMap YAML sending pods to the copies, pinned to digests"),
      new Key("outputs.imageMaps.file", "required with outputs.imageMaps: the file written"),
      new Key("outputs.imageMaps.namespace", "an ImageMap for the pods of this namespace (or cluster)"),
      new Key("outputs.imageMaps.cluster", "a ClusterImageMap with this name, for every namespace (or namespace)"),
      new Key("outputs.containerd", "a containerd certs.d directory: HOST/hosts.toml mirror files"),
      new Key("outputs.crio", "a CRI-O registries.conf (version 2) fragment"));

  private RelocationSchema() {}

  /** The keys directly below {@code parent} ("" for the top level), in schema order. */
  static List<String> keysBelow(String parent) {
    List<String> keys = new ArrayList<>();
    String prefix = parent.isEmpty() ? "" : parent + ".";
    for (Key key : KEYS) {
      String rest = key.path().startsWith(prefix) ? key.path().substring(prefix.length()) : null;
      if (rest != null && !rest.isEmpty() && rest.indexOf('.') < 0) {
        keys.add(rest);
      }
    }
    return keys;
  }

  /** The schema as text: one line per key, the paths aligned. */
  public static String explain() {
    int width = KEYS.stream().mapToInt(k -> k.path().length()).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (Key key : KEYS) {
      out.append(key.path()).append(" ".repeat(width - key.path().length())).append(key.meaning()).append('\n');
    }
    return out.toString();
  }
}
