package dev.relocator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The least a JVM program can do for {@code vector resolve} with a YAML library: load the vector
 * with SnakeYAML and print each entry's name and image as JSON, with no CLI parsing, no validation,
 * no version matching and no JSON library. Its start-up time is a floor for any implementation of
 * the command on the JVM; bench/vector-resolve-walltime.sh times it next to the real command.
 * With {@code hello} as the only argument it prints one line: the floor of any JVM program with
 * the same class-path shape.
 */
public final class YamlFloor {
  private YamlFloor() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("hello")) {
      System.out.println("hello");
      return;
    }
    Map<String, Object> root =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Path.of(args[0])));
    StringBuilder out = new StringBuilder("[\n");
    for (Object item : (List<?>) root.get("images")) {
      Map<?, ?> entry = (Map<?, ?>) item;
      out.append("  {\"name\": \"").append(entry.get("name")).append("\", \"image\": \"")
          .append(entry.get("repository")).append(':').append(entry.get("tag")).append("\"},\n");
    }
    System.out.print(out.append("]\n"));
  }
}
