package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.InputKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * Locates the container image scalars of Kubernetes workloads in a YAML stream with SnakeYAML's
 * node tree, and where each one's text is in the original (the scalar token itself, without
 * any anchor or tag in front of it), so that a caller can splice in new text.
 */
final class ImageFields {
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");
  private static final String MERGE_KEY = "<<";

  /**
   * One image scalar: what the manifest says, how it is quoted, and where its token starts and
   * ends (char indexes). {@code primary} is false when an alias reaches a scalar already found.
   */
  record Found(ManifestImage image, boolean primary, DumperOptions.ScalarStyle style, int start, int end) {}

  private final String source;
  private final String text;
  private final List<Found> found = new ArrayList<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** Start marks of scalar tokens by their end index: a node's end is its token's end. */
  private final Map<Integer, Mark> tokenStartByEnd = new java.util.HashMap<>();
  private int[] charIndex;
  private int objects;

  private ImageFields(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** Every image field of {@code text}, in document order; throws {@link RewriteException} for bad YAML. */
  static ImageFields locate(String source, String text) {
    ImageFields fields = new ImageFields(source, text);
    fields.run();
    return fields;
  }

  List<Found> found() {
    return found;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private void run() {
    if (text.length() != text.codePointCount(0, text.length())) {
      // SnakeYAML's marks count code points; map them to char indexes for splicing.
      charIndex = new int[text.codePointCount(0, text.length()) + 1];
      int cp = 0;
      for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
        charIndex[cp++] = i;
      }
      charIndex[cp] = text.length();
    }
    try {
      ScannerImpl scanner = new ScannerImpl(new StreamReader(new StringReader(text)), options());
      while (!scanner.checkToken(Token.ID.StreamEnd)) {
        Token token = scanner.getToken();
        if (token instanceof ScalarToken) {
          tokenStartByEnd.put(token.getEndMark().getIndex(), token.getStartMark());
        }
      }
      int document = 0;
      Node first = null;
      for (Node root : yaml().composeAll(new StringReader(text))) {
        if (root instanceof MappingNode mapping) {
          first = first == null ? root : first;
          objects += scalar(get(mapping, "kind")) != null ? 1 : 0;
          object(document, mapping, "");
        }
        document++;
      }
      if (objects == 0) {
        // Rewriting nothing is never what was meant: name what the file is instead.
        throw new RewriteException(source + ": no Kubernetes objects (documents with a \"kind\")"
            + InputKind.of(first).map(k -> ": " + k.notA("Kubernetes YAML")).orElse(""));
      }
      found.sort(java.util.Comparator.comparingInt(Found::start));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new RewriteException(source + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new RewriteException(source + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  private static Yaml yaml() {
    return new Yaml(options());
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setMaxAliasesForCollections(1000);
    // CRD schemas in real bundles nest past SnakeYAML's default of 50; the limit stays, well above them.
    options.setNestingDepthLimit(1000);
    return options;
  }

  private void object(int document, MappingNode object, String path) {
    String kind = scalar(get(object, "kind"));
    if (kind == null) {
      return;
    }
    if (kind.endsWith("List") && get(object, "items") instanceof SequenceNode items) {
      List<Node> list = items.getValue();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof MappingNode item) {
          object(document, item, path + "items[" + i + "].");
        }
      }
      return;
    }
    List<String> specPath = PodSpecPaths.of(kind);
    if (specPath == null) {
      return;
    }
    String name = scalar(get(get(object, "metadata"), "name"));
    Node spec = object;
    for (String step : specPath) {
      spec = get(spec, step);
    }
    if (!(spec instanceof MappingNode)) {
      return;
    }
    String specField = path + String.join(".", specPath) + ".";
    for (String list : CONTAINER_LISTS) {
      if (!(get(spec, list) instanceof SequenceNode containers)) {
        continue;
      }
      List<Node> items = containers.getValue();
      for (int i = 0; i < items.size(); i++) {
        Node image = get(items.get(i), "image");
        String field = specField + list + "[" + i + "].image";
        if (image != null) {
          image(document, kind, name == null ? "" : name, field, image);
        }
      }
    }
  }

  private void image(int document, String kind, String name, String field, Node node) {
    int line = node.getStartMark().getLine() + 1;
    if (!(node instanceof ScalarNode scalar)) {
      diagnostics.add(Diagnostic.warning(source, line, field, kind + " image is not a string; left as it is"));
      return;
    }
    Mark start = tokenStartByEnd.get(node.getEndMark().getIndex());
    if (start == null) {
      // An empty value has no scalar token; there is nothing to replace in place.
      diagnostics.add(Diagnostic.warning(source, line, field, kind + " image is empty; left as it is"));
      return;
    }
    int from = chars(start.getIndex());
    int to = chars(node.getEndMark().getIndex());
    ManifestImage image = new ManifestImage(
        document, start.getLine() + 1, start.getColumn() + 1, kind, name, field, scalar.getValue());
    found.add(new Found(image, seen.add(node), scalar.getScalarStyle(), from, to));
  }

  private int chars(int codePoints) {
    return charIndex == null ? codePoints : charIndex[codePoints];
  }

  /** The value of {@code key} in a mapping, looking through {@code <<} merge keys as YAML 1.1 does. */
  private static Node get(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return null;
    }
    Node merged = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k) {
        if (k.getValue().equals(key) && !MERGE_KEY.equals(key)) {
          return tuple.getValueNode();
        }
        if (k.getValue().equals(MERGE_KEY) && merged == null) {
          merged = fromMerge(tuple.getValueNode(), key);
        }
      }
    }
    return merged;
  }

  private static Node fromMerge(Node value, String key) {
    if (value instanceof SequenceNode sources) {
      for (Node source : sources.getValue()) {
        Node found = get(source, key);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return get(value, key);
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }
}
