package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.InputKind;
import dev.relocator.YamlNodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks SnakeYAML's node tree (which keeps start marks) into the vector model, reporting
 * structural problems and unknown keys as it goes. Semantic rules live in {@link VectorValidator}.
 */
final class NodeReader {
  private final String source;
  private final int lineOffset;
  private final List<Diagnostic> diagnostics;
  /** Reads unquoted numbers as a YAML reader would, for the warnings; made once, on the first (Yaml is not thread-safe). */
  private Yaml scalars;
  private int caBundleLine;

  NodeReader(String source, int lineOffset, List<Diagnostic> diagnostics) {
    this.source = source;
    this.lineOffset = lineOffset;
    this.diagnostics = diagnostics;
  }

  ImageVector read(String text) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported below, with a line, instead of failing
      root = YamlNodes.compose(text, options);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1 + lineOffset;
      error(line, "", "not valid YAML: " + e.getProblem());
      return ImageVector.empty();
    } catch (YAMLException e) {
      error(0, "", "not valid YAML: " + e.getMessage());
      return ImageVector.empty();
    }
    if (root == null || isNull(root)) {
      warning(1 + lineOffset, "", "the file is empty: no images");
      return ImageVector.empty();
    }
    if (!(root instanceof MappingNode top)) {
      error(line(root), "", "expected a mapping with an \"images\" list, found " + kind(root));
      return ImageVector.empty();
    }
    Optional<InputKind> kind = InputKind.of(top);
    if (kind.isPresent() && kind.get().type() != InputKind.Type.IMAGE_VECTOR) {
      error(line(top), "", kind.get().notA("an image vector, which has an \"images\" list"));
      return ImageVector.empty();
    }
    if (kind.isEmpty()) {
      error(line(top), "", "no \"images\" list: this is not an image vector");
      return ImageVector.empty();
    }
    List<ImageSource> entries = new ArrayList<>();
    CaBundle[] caBundle = {null};
    Map<String, Object> extra =
        mapping(
            top,
            "",
            Keys.TOP,
            (key, value) -> {
              if (key.equals("images")) {
                entries.addAll(images(value));
              } else {
                caBundle[0] = caBundle(value);
              }
            });
    return ImageVector.of(entries, caBundle[0], extra);
  }

  private List<ImageSource> images(Node node) {
    if (isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(line(node), "images", "must be a list of entries, found " + kind(node));
      return List.of();
    }
    List<ImageSource> out = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String path = "images[" + i + "]";
      if (!(item instanceof MappingNode map)) {
        error(line(item), path, "must be a mapping with at least a name, found " + kind(item));
        continue;
      }
      out.add(entry(map, i, path));
    }
    return out;
  }

  private ImageSource entry(MappingNode map, int index, String path) {
    ImageSource.Builder b = ImageSource.builder(null);
    Map<String, Integer> lines = new LinkedHashMap<>();
    Map<String, Object> extra =
        mapping(
            map,
            path,
            Keys.ENTRY,
            (key, value) -> {
              lines.put(key, line(value));
              String fieldPath = path + "." + key;
              switch (key) {
                case "name" -> b.name(string(value, fieldPath));
                case "sourceRepository" -> b.sourceRepository(string(value, fieldPath));
                case "repository" -> b.repository(string(value, fieldPath));
                case "tag" -> b.tag(string(value, fieldPath));
                case "ref" -> b.ref(string(value, fieldPath));
                case "version" -> b.version(string(value, fieldPath));
                case "runtimeVersion" -> b.runtimeVersion(string(value, fieldPath));
                case "targetVersion" -> b.targetVersion(string(value, fieldPath));
                case "architectures" -> b.architectures(architectures(value, fieldPath, lines));
                case "labels" -> b.labels(labels(value, fieldPath));
                case "resourceId" -> b.resourceId(resourceId(value, fieldPath));
                default -> throw new IllegalStateException(key);
              }
            });
    return b.extra(extra).origin(new Origin(source, line(map), index, lines)).build();
  }

  private List<String> architectures(Node node, String path, Map<String, Integer> lines) {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(line(node), path, "must be a list of architectures such as [amd64, arm64], found " + kind(node));
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      lines.put("architectures[" + i + "]", line(item));
      String value = string(item, path + "[" + i + "]");
      out.add(value == null ? "" : value);
    }
    return out;
  }

  private List<Label> labels(Node node, String path) {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      error(line(node), path, "must be a list of {name, value} objects, found " + kind(node));
      return null;
    }
    List<Label> out = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String itemPath = path + "[" + i + "]";
      if (!(item instanceof MappingNode map)) {
        error(line(item), itemPath, "must be a {name, value} object, found " + kind(item));
        continue;
      }
      String[] name = {null};
      Object[] value = {null};
      Map<String, Object> extra =
          mapping(
              map,
              itemPath,
              Keys.LABEL,
              (key, v) -> {
                if (key.equals("name")) {
                  name[0] = string(v, itemPath + ".name");
                } else {
                  value[0] = toJava(v);
                }
              });
      if (name[0] == null || name[0].isEmpty()) {
        error(line(map), itemPath + ".name", "a label needs a name");
      }
      out.add(new Label(name[0], value[0], extra));
    }
    return out;
  }

  private ResourceId resourceId(Node node, String path) {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof MappingNode map)) {
      error(line(node), path, "must be an object such as {name: my-image}, found " + kind(node));
      return null;
    }
    // An OCM resource identity: besides name, any attribute (version-template, extraIdentity)
    // is legitimate, so other keys are kept as data without a warning.
    String name = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = String.valueOf(toJava(tuple.getKeyNode()));
      if (key.equals("name")) {
        name = string(tuple.getValueNode(), path + ".name");
      } else {
        extra.put(key, toJava(tuple.getValueNode()));
      }
    }
    return new ResourceId(name, extra);
  }

  /** The line of the {@code caBundle.inline} value, 0 when absent. */
  int caBundleLine() {
    return caBundleLine;
  }

  private CaBundle caBundle(Node node) {
    caBundleLine = line(node);
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof MappingNode map)) {
      error(line(node), "caBundle", "must be an object with an \"inline\" PEM certificate, found " + kind(node));
      return null;
    }
    String[] inline = {null};
    Map<String, Object> extra = mapping(map, "caBundle", Keys.CA_BUNDLE, (k, v) -> {
      caBundleLine = line(v);
      inline[0] = string(v, "caBundle.inline");
    });
    return new CaBundle(inline[0], extra);
  }

  /**
   * Hands each known key to {@code known} and returns the unknown ones (kept, in order), warning
   * about each with a suggestion and about duplicate keys.
   */
  private Map<String, Object> mapping(
      MappingNode map, String path, List<String> keys, BiConsumer<String, Node> known) {
    Map<String, Object> extra = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    String prefix = path.isEmpty() ? "" : path + ".";
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        error(line(keyNode), path, "keys must be plain strings, found " + kind(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      if (!seen.add(key)) {
        warning(line(keyNode), prefix + key, "duplicate key: the last value wins");
      }
      if (keys.contains(key)) {
        known.accept(key, tuple.getValueNode());
        continue;
      }
      String suggestion = Keys.suggest(key, keys);
      warning(
          line(keyNode),
          prefix + key,
          "unknown key \"" + key + "\""
              + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)")
              + Diagnostic.KEPT_WITHOUT_EFFECT);
      extra.put(key, toJava(tuple.getValueNode()));
    }
    return extra;
  }

  /** A string field: null when absent or null, the text of any scalar otherwise. */
  private String string(Node node, String path) {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      error(line(node), path, "must be a string, found " + kind(node));
      return null;
    }
    Tag tag = scalar.getTag();
    if (scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
        && (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL))) {
      warning(
          line(node),
          path,
          "unquoted " + (tag.equals(Tag.BOOL) ? "boolean" : "number") + " " + scalar.getValue()
              + ": Gardener rejects it" + readsAs(scalar.getValue()) + "; quote it: \"" + scalar.getValue() + "\"");
    }
    return scalar.getValue();
  }

  /** What a YAML reader makes of a plain scalar when that differs from its text (3.10 reads as 3.1). */
  private String readsAs(String text) {
    if (scalars == null) {
      scalars = new Yaml(new SafeConstructor(new LoaderOptions()));
    }
    Object value = scalars.load(text);
    String read = String.valueOf(value);
    return read.equals(text) ? "" : " (and YAML reads " + text + " as " + read + ")";
  }

  /** Plain Java data (maps, lists, strings, numbers, booleans, null) for keys kept as data. */
  static Object toJava(Node node) {
    if (node instanceof MappingNode map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple tuple : map.getValue()) {
        Object key = toJava(tuple.getKeyNode());
        out.put(String.valueOf(key), toJava(tuple.getValueNode()));
      }
      return out;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> out = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        out.add(toJava(item));
      }
      return out;
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
    }
    if (tag.equals(Tag.INT)) {
      try {
        return Long.valueOf(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "the scalar \"" + ((ScalarNode) node).getValue() + "\"";
  }

  private int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1 + lineOffset;
  }

  private void error(int line, String path, String message) {
    diagnostics.add(Diagnostic.error(source, line, path, message));
  }

  private void warning(int line, String path, String message) {
    diagnostics.add(Diagnostic.warning(source, line, path, message));
  }
}
