package dev.relocator.oci.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a manifest or index that copying needs with jackson-core's streaming parser;
 * every other field is skipped (and kept, since the bytes are never re-serialised). Streaming
 * rather than data binding because Jackson's first {@code readValue} of a record costs a fresh JVM
 * about 100 ms of CPU (its deserialisers are built by reflection), a fifth of an up-to-date
 * {@code relocator mirror} run, while the parser alone costs a few milliseconds. Strict JSON: one
 * value, no trailing content; a repeated key keeps its last value, as data binding does.
 */
public final class ManifestJson {
  /**
   * Thread-safe; parsers are cheap to create from it. Its defaults are what manifests need: no
   * duplicate-key detection (the last value wins) and a nesting limit of 1,000 levels, so a
   * hostile document cannot overflow the stack.
   */
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonParser parser;

  private ManifestJson(JsonParser parser) {
    this.parser = parser;
  }

  /** The manifest's fields, or an {@link IOException} saying what is wrong and at which byte. */
  public static ManifestTemplate read(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      ManifestJson reader = new ManifestJson(parser);
      reader.expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      ManifestTemplate template = reader.manifest();
      if (parser.nextToken() != null) {
        throw reader.error("unexpected content after the document");
      }
      return template;
    } catch (JsonProcessingException e) {
      // Syntax errors and broken limits (nesting): jackson-core's words, without its source
      // excerpt, at a byte offset like ours.
      String message = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
      int marker = message.indexOf(" (start marker at ");
      message = marker < 0 ? message : message.substring(0, marker);
      throw new IOException(e.getLocation() == null ? message : message + " at byte " + e.getLocation().getByteOffset(), e);
    }
  }

  private ManifestTemplate manifest() throws IOException {
    Integer schemaVersion = null;
    String mediaType = null;
    DescriptorTemplate config = null;
    List<DescriptorTemplate> layers = null;
    List<DescriptorTemplate> manifests = null;
    String artifactType = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case "schemaVersion" -> schemaVersion = value == JsonToken.VALUE_NULL ? null : int32(key, value);
        case "mediaType" -> mediaType = string(key, value);
        case "config" -> config = value == JsonToken.VALUE_NULL ? null : descriptor(value);
        case "layers" -> layers = value == JsonToken.VALUE_NULL ? null : descriptors(value);
        case "manifests" -> manifests = value == JsonToken.VALUE_NULL ? null : descriptors(value);
        case "artifactType" -> artifactType = string(key, value);
        default -> parser.skipChildren(); // subject and annotations too: the copy keeps them in the bytes
      }
    }
    return new ManifestTemplate(schemaVersion, mediaType, config, layers, manifests, artifactType);
  }

  private List<DescriptorTemplate> descriptors(JsonToken start) throws IOException {
    expect(start, JsonToken.START_ARRAY, "an array of descriptors");
    List<DescriptorTemplate> list = new ArrayList<>();
    for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
      if (item == JsonToken.VALUE_NULL) {
        throw error("null in place of a descriptor");
      }
      list.add(descriptor(item));
    }
    return list;
  }

  private DescriptorTemplate descriptor(JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT, "a descriptor object");
    String mediaType = null;
    String digest = null;
    Long size = null;
    PlatformTemplate platform = null;
    String artifactType = null;
    Map<String, String> annotations = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case "mediaType" -> mediaType = string(key, value);
        case "digest" -> digest = string(key, value);
        case "size" -> size = value == JsonToken.VALUE_NULL ? null : integer(key, value);
        case "platform" -> platform = value == JsonToken.VALUE_NULL ? null : platform(value);
        case "artifactType" -> artifactType = string(key, value);
        case "annotations" -> annotations = value == JsonToken.VALUE_NULL ? null : annotations(value);
        default -> parser.skipChildren();
      }
    }
    return new DescriptorTemplate(mediaType, digest, size, platform, artifactType, annotations);
  }

  /**
   * An annotations object: string keys to string values, in document order. The spec allows only
   * strings; anything else is skipped (as are annotations that are no object), not refused, so a
   * sloppy annotation never stops a copy of bytes that are kept as they are anyway.
   */
  private Map<String, String> annotations(JsonToken start) throws IOException {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return annotations;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_STRING) {
        annotations.put(key, parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return annotations;
  }

  private PlatformTemplate platform(JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT, "a platform object");
    String os = null;
    String architecture = null;
    String variant = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case "os" -> os = string(key, value);
        case "architecture" -> architecture = string(key, value);
        case "variant" -> variant = string(key, value);
        default -> parser.skipChildren();
      }
    }
    return new PlatformTemplate(os, architecture, variant);
  }

  /** A string value, or null for a JSON null; anything else is refused. */
  private String string(String key, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw error("\"" + key + "\" must be a string, not " + parser.getText());
    }
    return parser.getText();
  }

  private int int32(String key, JsonToken value) throws IOException {
    long number = integer(key, value);
    if (number != (int) number) {
      throw error("\"" + key + "\" is out of range: " + number);
    }
    return (int) number;
  }

  private long integer(String key, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw error("\"" + key + "\" must be an integer, not " + parser.getText());
    }
    return parser.getLongValue();
  }

  private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw error("expected " + what);
    }
  }

  /** A message at the start of the current token, as a byte offset into the document. */
  private IOException error(String message) {
    return new IOException(message + " at byte " + parser.currentTokenLocation().getByteOffset());
  }
}
