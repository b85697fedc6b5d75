package dev.relocator;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** SnakeYAML's node tree of a user's file, which keeps every value's line for the findings about it. */
public final class YamlNodes {
  private YamlNodes() {}

  /**
   * The root node of {@code text}; null for an empty document, or after a syntax error, which is
   * added to {@code diagnostics} as {@code source:line: not valid YAML: ...}.
   */
  public static Node compose(String source, String text, List<Diagnostic> diagnostics) {
    try {
      return compose(text, new LoaderOptions());
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      diagnostics.add(Diagnostic.error(source, line, "", "not valid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      diagnostics.add(Diagnostic.error(source, 0, "", "not valid YAML: " + e.getMessage()));
    }
    return null;
  }

  /**
   * The root node of {@code text}, as {@code new Yaml(...).compose} gives it (null for an empty
   * document); a syntax error is thrown. The composer alone rather than the {@code Yaml} facade,
   * which also builds a dumper: its type descriptions start SnakeYAML's logger, and with it the
   * JDK's logging, whose look-up of logger services opens every jar on the class path, on each
   * start of the CLI (docs/benchmarks.md, "Start-up: vector resolve").
   */
  public static Node compose(String text, LoaderOptions options) {
    return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
        .getSingleNode();
  }
}
