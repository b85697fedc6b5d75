package dev.relocator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** JSON and YAML rendering of command results, with stable formatting for scripts and tests. */
final class Serialization {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Serialization() {}

  /** Pretty-printed JSON of {@code value} (maps keep insertion order; nulls are kept). */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /**
   * Block-style YAML of {@code value} (plain maps, lists and scalars). SnakeYAML quotes every
   * string its reader would take for another type, so a tag {@code "3.10"} does not come back
   * as the number 3.1.
   */
  static String yaml(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(4096);
    options.setSplitLines(false);
    return new Yaml(options).dump(value);
  }
}
