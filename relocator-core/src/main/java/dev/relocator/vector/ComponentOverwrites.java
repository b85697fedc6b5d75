package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.InputKind;
import dev.relocator.TextFiles;
import dev.relocator.YamlNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An {@code IMAGEVECTOR_OVERWRITE_COMPONENTS} file ({@code components: [{name,
 * imageVectorOverwrite}]}), validated as a whole: every nested vector is read and validated too,
 * its findings naming the component and, for literal blocks ({@code |}), pointing at lines of
 * the outer file.
 */
public final class ComponentOverwrites {
  private static final List<String> TOP_KEYS = List.of("components");
  private static final List<String> COMPONENT_KEYS = List.of("name", "imageVectorOverwrite");

  private final List<ComponentOverwrite> components;
  private final List<Diagnostic> diagnostics;

  private ComponentOverwrites(List<ComponentOverwrite> components, List<Diagnostic> diagnostics) {
    this.components = List.copyOf(components);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public static ComponentOverwrites readFile(Path file) {
    return read(file.toString(), TextFiles.read(file));
  }

  /** The file {@code IMAGEVECTOR_OVERWRITE_COMPONENTS} names in {@code environment}, if set. */
  public static Optional<ComponentOverwrites> fromEnvironment(Map<String, String> environment) {
    String file = environment.get(EnvironmentOverride.OVERWRITE_COMPONENTS);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(readFile(Path.of(file.trim())));
  }

  public static ComponentOverwrites read(String source, String text) {
    return new Parser(source).parse(text);
  }

  public List<ComponentOverwrite> components() {
    return components;
  }

  /** Every finding about the file and its nested vectors. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The component called {@code name}; throws {@link VectorException} listing the others. */
  public ComponentOverwrite component(String name) {
    return components.stream()
        .filter(c -> name.equals(c.name()))
        .findFirst()
        .orElseThrow(
            () ->
                new VectorException(
                    "no component \"" + name + "\" in the components file; it has: "
                        + (components.isEmpty()
                            ? "none"
                            : components.stream().map(ComponentOverwrite::name).collect(Collectors.joining(", ")))));
  }

  private static final class Parser {
    private final String source;
    private final List<Diagnostic> out = new ArrayList<>();

    Parser(String source) {
      this.source = source;
    }

    ComponentOverwrites parse(String text) {
      Node root = YamlNodes.compose(source, text, out);
      if (!out.isEmpty()) {
        return new ComponentOverwrites(List.of(), out);
      }
      if (!(root instanceof MappingNode top)) {
        out.add(Diagnostic.error(source, root == null ? 1 : line(root), "", "expected a mapping with a \"components\" list"));
        return new ComponentOverwrites(List.of(), out);
      }
      Optional<InputKind> kind = InputKind.of(top);
      if (kind.isPresent() && kind.get().type() != InputKind.Type.COMPONENT_OVERWRITES) {
        out.add(Diagnostic.error(source, line(top), "",
            kind.get().notA("a component overwrites file, which has a \"components\" list")));
        return new ComponentOverwrites(List.of(), out);
      }
      List<ComponentOverwrite> components = new ArrayList<>();
      for (NodeTuple tuple : top.getValue()) {
        String key = keyOf(tuple);
        if (!TOP_KEYS.contains(key)) {
          unknown(tuple.getKeyNode(), "", key, TOP_KEYS);
          continue;
        }
        if (!(tuple.getValueNode() instanceof SequenceNode list)) {
          out.add(Diagnostic.error(source, line(tuple.getValueNode()), "components", "must be a list of {name, imageVectorOverwrite}"));
          continue;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
          ComponentOverwrite component = component(list.getValue().get(i), "components[" + i + "]");
          if (component == null) {
            continue;
          }
          Integer earlier = seen.putIfAbsent(component.name(), component.line());
          if (earlier != null) {
            out.add(Diagnostic.error(source, component.line(), "components[" + i + "].name",
                "duplicate component \"" + component.name() + "\" (first at line " + earlier + ")"));
          }
          components.add(component);
        }
      }
      return new ComponentOverwrites(components, out);
    }

    private ComponentOverwrite component(Node node, String path) {
      if (!(node instanceof MappingNode map)) {
        out.add(Diagnostic.error(source, line(node), path, "must be a mapping with name and imageVectorOverwrite"));
        return null;
      }
      String name = null;
      ScalarNode overwrite = null;
      for (NodeTuple tuple : map.getValue()) {
        String key = keyOf(tuple);
        Node value = tuple.getValueNode();
        if (key.equals("name") && value instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
          name = s.getValue();
        } else if (key.equals("imageVectorOverwrite") && value instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
          overwrite = s;
        } else if (COMPONENT_KEYS.contains(key)) {
          out.add(Diagnostic.error(source, line(value), path + "." + key, "must be a string"));
        } else {
          unknown(tuple.getKeyNode(), path, key, COMPONENT_KEYS);
        }
      }
      if (name == null || name.isBlank()) {
        out.add(Diagnostic.error(source, line(map), path + ".name", "component name is required"));
      }
      if (overwrite == null) {
        out.add(Diagnostic.error(source, line(map), path + ".imageVectorOverwrite",
            "required: the component's whole overwrite vector as a string (images: ...)"));
        return null;
      }
      String label = name == null ? path : name;
      VectorReadResult nested = nested(overwrite, path, label);
      return new ComponentOverwrite(name, overwrite.getValue(), nested.vector(), line(map));
    }

    /** Reads a nested vector and re-homes its findings in the outer file. */
    private VectorReadResult nested(ScalarNode value, String path, String component) {
      // The lines of a literal block are the outer file's lines after the `|` line; the lines of
      // any other scalar style cannot be mapped, so its findings point at the value's line.
      boolean literal = value.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL;
      int valueLine = line(value);
      VectorReadResult result = VectorReader.read(source, value.getValue(), literal ? valueLine : 0);
      for (Diagnostic d : result.diagnostics()) {
        out.add(new Diagnostic(
            source,
            literal ? d.line() : valueLine,
            path + ".imageVectorOverwrite" + (d.path().isEmpty() ? "" : "." + d.path()),
            "component \"" + component + "\": " + d.message(),
            d.severity()));
      }
      return result;
    }

    private void unknown(Node keyNode, String path, String key, List<String> known) {
      String suggestion = Keys.suggest(key, known);
      out.add(Diagnostic.warning(source, line(keyNode), path.isEmpty() ? key : path + "." + key,
          "unknown key \"" + key + "\"" + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)")
              + ": ignored"));
    }

    /** The key's text; a non-scalar key (legal YAML, never meant here) becomes a readable stand-in. */
    private static String keyOf(NodeTuple tuple) {
      return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "<complex key>";
    }

    private static int line(Node node) {
      return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
  }
}
