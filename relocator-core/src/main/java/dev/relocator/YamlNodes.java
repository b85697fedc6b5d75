package dev.relocator;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** SnakeYAML's node tree of a user's file, which keeps every value's line for the findings about it. */
public final class YamlNodes {
  private YamlNodes() {}

  /**
   * The root node of {@code text}; null for an empty document, or after a syntax error, which is
   * added to {@code diagnostics} as {@code source:line: not valid YAML: ...}.
   */
  public static Node compose(String source, String text, List<Diagnostic> diagnostics) {
    try {
      return new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      diagnostics.add(Diagnostic.error(source, line, "", "not valid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      diagnostics.add(Diagnostic.error(source, 0, "", "not valid YAML: " + e.getMessage()));
    }
    return null;
  }
}
