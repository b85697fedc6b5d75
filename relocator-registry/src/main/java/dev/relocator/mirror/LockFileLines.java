package dev.relocator.mirror;

import dev.relocator.Diagnostic;
import dev.relocator.YamlNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where an entry of a lock file starts, for its error: Jackson's tree keeps no lines, so the file
 * is read again, as SnakeYAML's nodes, only when an entry is refused.
 */
final class LockFileLines {
  private LockFileLines() {}

  /** The line of {@code images[image]}, or of its {@code artifacts[artifact]} (when not negative); 0 when unknown. */
  static int line(Path file, int image, int artifact) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return 0;
    }
    List<Diagnostic> ignored = new ArrayList<>();
    Optional<Node> entry = item(value(YamlNodes.compose(file.toString(), text, ignored), "images"), image);
    Optional<Node> at = artifact < 0 ? entry : entry.flatMap(e -> item(value(e, "artifacts"), artifact));
    return at.map(n -> n.getStartMark().getLine() + 1).orElse(0);
  }

  private static Optional<Node> value(Node mapping, String key) {
    if (mapping instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
          return Optional.of(tuple.getValueNode());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Node> value(Optional<Node> mapping, String key) {
    return mapping.flatMap(m -> value(m, key));
  }

  private static Optional<Node> item(Optional<Node> sequence, int index) {
    return sequence.filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast)
        .filter(s -> index < s.getValue().size()).map(s -> s.getValue().get(index));
  }
}
