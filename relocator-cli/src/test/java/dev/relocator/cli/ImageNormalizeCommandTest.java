package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageNormalizeCommandTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void textPrintsOneCanonicalReferencePerLineWithoutAddingLatest() {
    CliRun run =
        CliRun.of("image", "normalize", "nginx", "quay.io/calico/cni:v3.32.0", "localhost:5000/a@" + DIGEST);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines())
        .containsExactly(
            "docker.io/library/nginx",
            "quay.io/calico/cni:v3.32.0",
            "localhost:5000/a@" + DIGEST);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void invalidReferenceIsReportedOnStderrAfterTheValidOnesAndExitsOne() {
    CliRun run = CliRun.of("image", "normalize", "docker.io/Foo/bar", "alpine:3");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out().lines()).containsExactly("docker.io/library/alpine:3");
    assertThat(run.err().lines())
        .containsExactly("relocator: invalid reference \"docker.io/Foo/bar\": repository name must be lowercase");
  }

  @Test
  void jsonHasEveryKeyInInputOrderWithNullsWhereAbsent() throws Exception {
    CliRun run =
        CliRun.of("image", "normalize", "-o", "json", "index.docker.io/flannel/flannel:v0.24.4@" + DIGEST, "UPPER");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    JsonNode array = new ObjectMapper().readTree(run.out());
    assertThat(array).hasSize(2);

    JsonNode valid = array.get(0);
    assertThat(fieldNames(valid))
        .containsExactly("input", "valid", "domain", "path", "name", "tag", "digest", "canonical", "familiar", "error");
    assertThat(valid.get("valid").asBoolean()).isTrue();
    assertThat(valid.get("domain").asText()).isEqualTo("docker.io");
    assertThat(valid.get("path").asText()).isEqualTo("flannel/flannel");
    assertThat(valid.get("name").asText()).isEqualTo("docker.io/flannel/flannel");
    assertThat(valid.get("tag").asText()).isEqualTo("v0.24.4");
    assertThat(valid.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(valid.get("canonical").asText()).isEqualTo("docker.io/flannel/flannel:v0.24.4@" + DIGEST);
    assertThat(valid.get("familiar").asText()).isEqualTo("flannel/flannel:v0.24.4@" + DIGEST);
    assertThat(valid.get("error").isNull()).isTrue();

    JsonNode invalid = array.get(1);
    assertThat(fieldNames(invalid)).hasSize(10);
    assertThat(invalid.get("input").asText()).isEqualTo("UPPER");
    assertThat(invalid.get("valid").asBoolean()).isFalse();
    assertThat(invalid.get("canonical").isNull()).isTrue();
    assertThat(invalid.get("error").asText()).startsWith("invalid reference \"UPPER\": ");
  }

  @Test
  void yamlOutputIsAUsageError() {
    CliRun run = CliRun.of("image", "normalize", "-o", "yaml", "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("supports -o text or -o json");
  }

  @Test
  void missingReferenceIsAUsageError() {
    CliRun run = CliRun.of("image", "normalize");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: Missing required parameter");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
