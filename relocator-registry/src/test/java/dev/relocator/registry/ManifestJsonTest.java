package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestJsonTest {
  private static final ObjectMapper JACKSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static Manifest.ManifestTemplate read(String json) throws IOException {
    return ManifestJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Documents Jackson (which read manifests before) and this reader must read alike. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
          + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
          + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":528,"
          + "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\",\"os.features\":[\"x\"]},"
          + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}],\"annotations\":{}}",
      " {\n  \"schemaVersion\" : 2 ,\n  \"config\" : { \"mediaType\" : \"c\", \"digest\" : \"d\", \"size\" : 0 },\n"
          + "  \"layers\" : [ { \"digest\" : \"l1\", \"size\" : 12345678901, \"urls\" : [ ] },"
          + " { \"digest\" : \"l2\", \"size\" : 1, \"annotations\" : { \"a\" : [ 1, -2.5e+3, true, false, null, { } ] } } ],\n"
          + "  \"subject\" : null, \"artifactType\" : \"x\" }\n",
      "{\"mediaType\":\"t\\u00e9\\n\\\"\\\\\\/\\t\",\"config\":null,\"layers\":null,\"manifests\":[]}",
      "{\"schemaVersion\":1,\"mediaType\":\"caf\u00e9 \ud83d\udc33\",\"layers\":[],\"schemaVersion\":2}",
      "{}",
  })
  void readsWhatJacksonReads(String json) throws Exception {
    assertThat(read(json)).isEqualTo(JACKSON.readValue(json, Manifest.ManifestTemplate.class));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'{\"schemaVersion\":2} x'                  | unexpected content after the document at byte 20",
      "'{\"schemaVersion\":2'                     | unexpected end of the document at byte 18",
      "'[]'                                       | expected a JSON object at byte 0",
      "'{\"schemaVersion\" 2}'                    | expected ':' after key \"schemaVersion\" at byte 17",
      "'{schemaVersion:2}'                        | expected a quoted key at byte 1",
      "'{\"a\":1,}'                               | expected a quoted key at byte 7",
      "'{\"a\":1 \"b\":2}'                        | expected ',' or '}' at byte 7",
      "'{\"mediaType\":\"a\\qb\"}'                | invalid escape in a string at byte 16",
      "'{\"mediaType\":\"ab'                      | unterminated string at byte 16",
      "'{\"config\":{\"size\":1.5}}'              | \"size\" must be an integer, not 1.5 at byte 18",
      "'{\"schemaVersion\":99999999999}'          | \"schemaVersion\" is out of range: 99999999999 at byte 17",
      "'{\"layers\":[null]}'                      | null in place of a descriptor at byte 11",
      "'{\"a\":tru}'                              | expected a value at byte 5",
      "'{\"a\":-}'                                | expected a value at byte 5",
      "'{\"a\":01}'                               | expected ',' or '}' at byte 6",
  })
  void refusesInvalidJsonSayingWhereAndWhy(String json, String message) {
    assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class).hasMessage(message);
  }

  @Test
  void refusesDeepNestingInsteadOfOverflowingTheStack() {
    String json = "{\"annotations\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class).hasMessageContaining("nested deeper than 1000");
  }

  @Test
  void aControlCharacterInAStringIsRefused() {
    assertThatThrownBy(() -> read("{\"mediaType\":\"a\u0001\"}")).hasMessage("control character in a string at byte 15");
  }
}
