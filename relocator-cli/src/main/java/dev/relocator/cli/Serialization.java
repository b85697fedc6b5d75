package dev.relocator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** JSON and YAML rendering of command results, with stable formatting for scripts and tests. */
public final class Serialization {
  private Serialization() {}

  /** Pretty-printed JSON of {@code value} (maps keep insertion order; nulls are kept). */
  public static String json(Object value) {
    if (PlainJson.isPlain(value)) {
      return PlainJson.write(value);
    }
    try {
      return JsonHolder.INSTANCE.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** Block-style YAML of {@code value}. */
  public static String yaml(Object value) {
    try {
      return YamlHolder.INSTANCE.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  // Holders: each mapper is built on first use only, since building one starts much of Jackson.
  private static final class JsonHolder {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static final class YamlHolder {
    static final ObjectMapper INSTANCE =
        new ObjectMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
  }
}
