package dev.relocator.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** JSON and YAML rendering of command results, with stable formatting for scripts and tests. */
final class Serialization {
  /**
   * jackson-core's streaming writer, without databind: results are trees of maps, lists and
   * scalars, and building an ObjectMapper costs a small command more than its own work.
   */
  private static final JsonFactory JSON = new JsonFactory();

  private Serialization() {}

  /**
   * Pretty-printed JSON, as Jackson's default pretty printer writes it, of a tree of maps (keys
   * written as text, in iteration order), iterables, arrays, strings, numbers, booleans and nulls.
   *
   * @throws IllegalArgumentException for any other value
   */
  static String json(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.useDefaultPrettyPrinter();
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render JSON", e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof CharSequence text) {
      generator.writeString(text.toString());
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      generator.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else if (value instanceof Double number) {
      generator.writeNumber(number);
    } else if (value instanceof Float number) {
      generator.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      generator.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      generator.writeNumber(number);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      generator.writeStartArray();
      for (Object item : items) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof Object[] items) {
      generator.writeStartArray();
      for (Object item : items) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else {
      throw new IllegalArgumentException("cannot render a " + value.getClass().getName() + " as JSON");
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
