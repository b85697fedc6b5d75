package dev.relocator.oci.json;

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

  private static ManifestTemplate read(String json) throws IOException {
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
          + " { \"digest\" : \"l2\", \"size\" : 1, \"annotations\" : { \"a\" : \"b\" },"
          + " \"x-extension\" : { \"a\" : [ 1, -2.5e+3, true, false, null, { } ] } } ],\n"
          + "  \"subject\" : null, \"artifactType\" : \"x\" }\n",
      "{\"mediaType\":\"t\\u00e9\\n\\\"\\\\\\/\\t\",\"config\":null,\"layers\":null,\"manifests\":[]}",
      "{\"schemaVersion\":1,\"mediaType\":\"caf\u00e9 \ud83d\udc33\",\"layers\":[],\"schemaVersion\":2}",
      "{}",
  })
  void readsWhatJacksonReads(String json) throws Exception {
    assertThat(read(json)).isEqualTo(JACKSON.readValue(json, ManifestTemplate.class));
  }

  /** Syntax errors carry jackson-core's words, structure errors ours; both say at which byte. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'{\"schemaVersion\":2} x'                  | Unrecognized token 'x'                                  | 20",
      "'{\"schemaVersion\":2'                     | Unexpected end-of-input: expected close marker for Object | 18",
      "'[]'                                       | expected a JSON object                                  | 0",
      "'{\"schemaVersion\" 2}'                    | was expecting a colon to separate field name and value   | 17",
      "'{schemaVersion:2}'                        | was expecting double-quote to start field name           | 1",
      "'{\"a\":1,}'                               | was expecting double-quote to start field name           | 7",
      "'{\"a\":1 \"b\":2}'                        | was expecting comma to separate Object entries           | 7",
      "'{\"mediaType\":\"a\\qb\"}'                | Unrecognized character escape 'q'                        | 16",
      "'{\"mediaType\":\"ab'                      | Unexpected end-of-input in VALUE_STRING                  | 16",
      "'{\"mediaType\":7}'                         | \"mediaType\" must be a string, not 7                    | 13",
      "'{\"config\":{\"size\":1.5}}'              | \"size\" must be an integer, not 1.5                     | 18",
      "'{\"config\":{\"size\":99999999999999999999}}' | \"size\" must be an integer, not 99999999999999999999 | 18",
      "'{\"schemaVersion\":99999999999}'          | \"schemaVersion\" is out of range: 99999999999           | 17",
      "'{\"layers\":[null]}'                      | null in place of a descriptor                            | 11",
      "'{\"layers\":{}}'                          | expected an array of descriptors                         | 10",
      "'{\"layers\":[1]}'                         | expected a descriptor object                             | 11",
      "'{\"a\":tru}'                              | Unrecognized token 'tru'                                 | 5",
      "'{\"a\":-}'                                | Unexpected character ('}' (code 125)) in numeric value   | 6",
      "'{\"a\":01}'                               | Invalid numeric value: Leading zeroes not allowed        | 6",
  })
  void refusesInvalidJsonSayingWhereAndWhy(String json, String what, long at) {
    assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class)
        .hasMessageContaining(what).hasMessageEndingWith(" at byte " + at)
        .hasMessageNotContaining("Source: ");
  }

  @Test
  void refusesDeepNestingInsteadOfOverflowingTheStack() {
    String json = "{\"annotations\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class).hasMessageContaining("nesting depth")
        .hasMessageContaining("exceeds the maximum allowed (1000");
  }

  @Test
  void aControlCharacterInAStringIsRefused() {
    assertThatThrownBy(() -> read("{\"mediaType\":\"a\u0001\"}"))
        .hasMessageContaining("Illegal unquoted character ((CTRL-CHAR, code 1))").hasMessageEndingWith(" at byte 15");
  }
}
