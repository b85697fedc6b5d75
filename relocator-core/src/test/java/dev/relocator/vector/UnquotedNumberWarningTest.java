package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnquotedNumberWarningTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tag: 3.10| images[0].tag: warning: unquoted number 3.10: Gardener rejects it (and YAML reads 3.10 as 3.1); quote it: \"3.10\"",
        "tag: 010| images[0].tag: warning: unquoted number 010: Gardener rejects it (and YAML reads 010 as 8); quote it: \"010\"",
        "tag: 3| images[0].tag: warning: unquoted number 3: Gardener rejects it; quote it: \"3\"",
        "tag: yes| images[0].tag: warning: unquoted boolean yes: Gardener rejects it (and YAML reads yes as true); quote it: \"yes\"",
      })
  void theWarningSaysWhatYamlMakesOfTheValueItself(String field, String message) {
    String text = "images:\n- name: a\n  repository: registry.example/a\n  " + field + "\n";

    VectorReadResult read = VectorReader.read("images.yaml", text);

    assertThat(read.diagnostics()).extracting(Object::toString).contains("images.yaml:4: " + message);
  }
}
