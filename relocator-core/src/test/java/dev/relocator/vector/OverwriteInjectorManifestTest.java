package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Deployment the injector writes back must be one the API server accepts as the input was. */
class OverwriteInjectorManifestTest {
  private static final ComponentOverwrite DRUID =
      ComponentOverwrites.read("components.yaml", TestVectors.resource("components.yaml")).component("etcd-druid");

  private static String deployment(String podSpec) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: druid\nspec:\n  template:\n    spec:\n"
        + podSpec.indent(6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "1.0", "true", "yes", "null", "~", "0755", "1e3", "0x1F", "1_000", ".inf", "12:30"})
  void stringsThatLookLikeOtherTypesStayQuotedStrings(String value) {
    String input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: druid\n"
        + "  annotations: {port: \"" + value + "\"}\nspec:\n  replicas: 2\n  template:\n    spec:\n"
        + "      containers:\n      - name: app\n        env:\n        - name: X\n          value: \"" + value + "\"\n";

    String written = OverwriteInjector.inject(DRUID, "d.yaml", input, null).toYaml();

    List<Object> documents = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(written).forEach(documents::add);
    Map<?, ?> patched = (Map<?, ?>) documents.get(1);
    Map<?, ?> metadata = (Map<?, ?>) patched.get("metadata");
    assertThat(((Map<?, ?>) metadata.get("annotations")).get("port")).isEqualTo(value);
    Map<?, ?> spec = (Map<?, ?>) patched.get("spec");
    assertThat(spec.get("replicas")).isEqualTo(2);
    Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec"))
        .get("containers")).get(0);
    assertThat(((Map<?, ?>) ((List<?>) container.get("env")).get(0)).get("value")).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "images: [\\n| d.yaml:2: not valid YAML: expected the node content, but found '<stream end>'",
        "''| d.yaml: empty manifest, expected a Deployment",
        "- a\\n- b\\n| d.yaml: expected a Deployment mapping, found a list",
        "42\\n| d.yaml: expected a Deployment mapping, found a scalar",
      })
  void unreadableManifestsAreOneLineErrors(String manifest, String message) {
    assertRejected(manifest.replace("\\n", "\n"), message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "containers: [a]| d.yaml: spec.template.spec.containers[0] must be a mapping, found a scalar",
        "containers: [{name: a, env: {A: b}}]| d.yaml: spec.template.spec.containers[0].env must be a list, found a mapping",
        "containers: [{name: a, volumeMounts: x}]| d.yaml: spec.template.spec.containers[0].volumeMounts must be a list, found a scalar",
        "containers: [{name: a}]\\nvolumes: [b]| d.yaml: spec.template.spec.volumes[0] must be a mapping, found a scalar",
        "containers: {name: a}| d.yaml: spec.template.spec.containers must be a list, found a mapping",
      })
  void misshapenDeploymentsNameTheFieldPath(String podSpec, String message) {
    assertRejected(deployment(podSpec.replace("\\n", "\n")), message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "spec: 5| d.yaml: spec must be a mapping, found a scalar",
        "spec: {template: [x]}| d.yaml: spec.template must be a mapping, found a list",
        "spec: {template: {spec: x}}| d.yaml: spec.template.spec must be a mapping, found a scalar",
      })
  void misshapenTemplatesNameTheFieldPath(String spec, String message) {
    assertRejected("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: druid}\n" + spec + "\n", message);
  }

  private static void assertRejected(String manifest, String message) {
    assertThatThrownBy(() -> OverwriteInjector.inject(DRUID, "d.yaml", manifest, null))
        .isInstanceOf(VectorException.class)
        .hasMessage(message);
  }
}
