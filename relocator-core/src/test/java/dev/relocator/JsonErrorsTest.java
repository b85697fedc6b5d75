package dev.relocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jackson's failures in a user's words: no Java types, no "[Source: REDACTED]". */
class JsonErrorsTest {

  record Cluster(String name, String server) {}

  record Config(List<Cluster> clusters, Map<String, String> preferences, boolean insecure) {}

  private static final ObjectMapper YAML =
      new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static Throwable reading(String text) {
    return catchThrowable(() -> YAML.readValue(text, Config.class));
  }

  @Test
  void aValueOfTheWrongTypeNamesItsKeyPathAndWhatWasExpected() {
    Throwable e = reading("clusters: foo\n");
    assertThat(JsonErrors.describe(e)).isEqualTo("line 1, column 11: clusters: expected a list");
    assertThat(JsonErrors.reason(e)).isEqualTo("clusters: expected a list");
    assertThat(JsonErrors.line(e)).isEqualTo(1);
    assertThat(JsonErrors.reason(reading("clusters:\n- name: [a]\n"))).isEqualTo("clusters[0].name: expected a string");
    assertThat(JsonErrors.reason(reading("insecure: maybe\n"))).isEqualTo("insecure: expected true or false");
    assertThat(JsonErrors.reason(reading("preferences: [1]\n"))).isEqualTo("preferences: expected a mapping");
  }

  @Test
  void anUnknownKeyIsNamedWithItsParent() {
    assertThat(JsonErrors.reason(reading("clusters:\n- name: a\n  sever: x\n")))
        .isEqualTo("clusters[0]: unknown key \"sever\" (did you mean \"server\"?)");
    assertThat(JsonErrors.reason(reading("clustrs: []\n"))).isEqualTo("unknown key \"clustrs\" (did you mean \"clusters\"?)");
    assertThat(JsonErrors.reason(reading("zzz: []\n"))).isEqualTo("unknown key \"zzz\"");
  }

  @Test
  void aYamlSyntaxErrorSaysWhatWasExpectedAndWhere() {
    Throwable e = catchThrowable(() -> YAML.readTree("clusters: [a, {b: 1}\npreferences: {}\n"));
    String described = JsonErrors.describe(e);
    assertThat(described).startsWith("line 2, column ").contains("not valid YAML: expected ',' or ']'");
    assertThat(described).doesNotContain("Source").doesNotContain("fasterxml").doesNotContain("\n");
  }

  @Test
  void aJsonSyntaxErrorKeepsJacksonsReasonButNotItsSourceLine() {
    Throwable e = catchThrowable(() -> new ObjectMapper().readTree("{\"a\": }"));
    assertThat(JsonErrors.describe(e))
        .startsWith("line 1, column 7: not valid JSON or YAML: Unexpected character ('}'")
        .doesNotContain("Source");
  }
}
