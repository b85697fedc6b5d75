package dev.relocator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Names the kind of a file Relocator reads from its top-level keys, so that a reader handed the
 * wrong file says what it was given ("this is a rules file, not an image vector") instead of
 * accepting it as empty or listing each of its keys as unknown.
 *
 * @param type which kind
 * @param description the kind in words, with the key that gave it away, such as {@code a rules
 *     file ("rules:")}
 */
public record InputKind(Type type, String description) {

  /** The kinds of file Relocator reads or writes, and those users confuse with them. */
  public enum Type {
    IMAGE_VECTOR,
    LOCK_FILE,
    RULES,
    COMPONENT_OVERWRITES,
    KUBEONE_CLUSTER,
    RELOCATION,
    ADMISSION_REVIEW,
    IMAGE_MAP,
    KUBERNETES_OBJECT,
    OCI_LAYOUT,
    OCI_INDEX,
    OCI_MANIFEST
  }

  /** The kind of the document whose root is {@code root}, when it is one Relocator knows. */
  public static Optional<InputKind> of(Node root) {
    if (!(root instanceof MappingNode mapping)) {
      return Optional.empty();
    }
    Map<String, Node> keys = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        keys.putIfAbsent(key.getValue(), tuple.getValueNode());
      }
    }
    return Optional.ofNullable(describe(keys));
  }

  /** The kind of {@code text}, read as YAML (JSON included); empty when it is not YAML at all. */
  public static Optional<InputKind> of(String text) {
    try {
      return of(YamlNodes.compose(text, new LoaderOptions()));
    } catch (YAMLException e) {
      return Optional.empty();
    }
  }

  /** "this is {kind}, not {expected}", the start of a reader's one error for a wrong file. */
  public String notA(String expected) {
    return "this is " + description + ", not " + expected;
  }

  private static InputKind describe(Map<String, Node> keys) {
    String kind = scalar(keys.get("kind"));
    if (kind != null && keys.containsKey("apiVersion")) {
      String named = "(\"kind: " + kind + "\")";
      return switch (kind) {
        case "KubeOneCluster" -> new InputKind(Type.KUBEONE_CLUSTER, "a KubeOne cluster file " + named);
        case "Relocation" -> new InputKind(Type.RELOCATION, "a relocation file " + named);
        case "AdmissionReview" -> new InputKind(Type.ADMISSION_REVIEW, "an AdmissionReview " + named);
        case "ImageMap" -> new InputKind(Type.IMAGE_MAP, "an ImageMap " + named);
        case "ClusterImageMap" -> new InputKind(Type.IMAGE_MAP, "a ClusterImageMap " + named);
        default -> new InputKind(Type.KUBERNETES_OBJECT, "Kubernetes YAML " + named);
      };
    }
    if (keys.containsKey("images")) {
      return firstEntryHas(keys.get("images"), "sourceDigest")
          ? new InputKind(Type.LOCK_FILE, "a mirror's lock file (\"images:\" with \"sourceDigest\")")
          : new InputKind(Type.IMAGE_VECTOR, "an image vector (\"images:\")");
    }
    if (keys.containsKey("rules")) {
      return new InputKind(Type.RULES, "a rules file (\"rules:\")");
    }
    if (keys.containsKey("components")) {
      return new InputKind(Type.COMPONENT_OVERWRITES,
          "a component overwrites file, as IMAGEVECTOR_OVERWRITE_COMPONENTS names (\"components:\")");
    }
    if (keys.containsKey("imageLayoutVersion")) {
      return new InputKind(Type.OCI_LAYOUT, "an OCI layout's oci-layout file (\"imageLayoutVersion\")");
    }
    if (keys.containsKey("schemaVersion") && keys.containsKey("manifests")) {
      return new InputKind(Type.OCI_INDEX, "an OCI image index (\"manifests\")");
    }
    if (keys.containsKey("schemaVersion") && keys.containsKey("layers")) {
      return new InputKind(Type.OCI_MANIFEST, "an OCI image manifest (\"layers\")");
    }
    return null;
  }

  private static boolean firstEntryHas(Node list, String key) {
    return list instanceof SequenceNode sequence
        && !sequence.getValue().isEmpty()
        && sequence.getValue().get(0) instanceof MappingNode entry
        && entry.getValue().stream()
            .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : null;
  }
}
