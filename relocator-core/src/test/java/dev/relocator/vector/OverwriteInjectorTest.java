package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverwriteInjectorTest {

  private static final ComponentOverwrites FILE =
      ComponentOverwrites.read("components.yaml", TestVectors.resource("components.yaml"));
  private static final String DEPLOYMENT = TestVectors.resource("deployment.yaml");

  @Test
  void emitsAnImmutableChecksummedConfigMapAndPatchesTheNamedContainer() {
    ComponentOverwrite druid = FILE.component("etcd-druid");
    OverwriteInjector.Injection injection = OverwriteInjector.inject(druid, "deployment.yaml", DEPLOYMENT, "etcd-druid");
    Map<String, Object> cm = injection.configMap();
    String name = (String) ((Map<?, ?>) cm.get("metadata")).get("name");
    assertThat(name).matches("etcd-druid-imagevector-[0-9a-f]{10}");
    assertThat(((Map<?, ?>) cm.get("metadata")).get("namespace")).isEqualTo("garden");
    assertThat(cm.get("immutable")).isEqualTo(true);
    assertThat(((Map<?, ?>) cm.get("data")).get("images_overwrite.yaml")).isEqualTo(druid.imageVectorOverwrite());

    String yaml = injection.toYaml();
    assertThat(yaml)
        .contains("kind: ConfigMap")
        .contains("---\napiVersion: apps/v1")
        .contains("  images_overwrite.yaml: |\n    images:\n    - name: etcd\n")
        .contains("      volumes:\n      - name: imagevector-overwrite\n        configMap:\n          name: " + name)
        .contains("        - name: IMAGEVECTOR_OVERWRITE\n          value: /imagevector-overwrite/images_overwrite.yaml")
        .contains("        volumeMounts:\n        - name: imagevector-overwrite\n          mountPath: /imagevector-overwrite\n          readOnly: true")
        .doesNotContain("/old/path.yaml");
    // the sidecar is untouched, and the existing env var was replaced, not duplicated
    List<?> containers = containers(injection.deployment());
    assertThat(keys(containers.get(0))).doesNotContain("env", "volumeMounts");
    assertThat((List<?>) ((Map<?, ?>) containers.get(1)).get("env")).hasSize(2);
  }

  @Test
  void defaultContainerIsTheFirst() {
    OverwriteInjector.Injection injection = OverwriteInjector.inject(FILE, "etcd-druid", "d.yaml", DEPLOYMENT, null);
    assertThat(keys(containers(injection.deployment()).get(0))).contains("env", "volumeMounts");
  }

  @Test
  void contentChangeRenamesTheConfigMapSoTheDeploymentRolls() {
    String a = OverwriteInjector.configMapName("d", "images: []\n");
    String b = OverwriteInjector.configMapName("d", "images: [] \n");
    assertThat(a).isNotEqualTo(b).isEqualTo(OverwriteInjector.configMapName("d", "images: []\n"));
    assertThat(OverwriteInjector.configMapName("x".repeat(300), "")).hasSize(253);
  }

  @Test
  void missingContainerAndWrongKindAreClearErrors() {
    ComponentOverwrite druid = FILE.component("etcd-druid");
    assertThatThrownBy(() -> OverwriteInjector.inject(druid, "d.yaml", DEPLOYMENT, "nope"))
        .hasMessage("d.yaml: no container \"nope\" in the Deployment; it has: sidecar, etcd-druid");
    assertThatThrownBy(() -> OverwriteInjector.inject(druid, "s.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n", null))
        .hasMessage("s.yaml: expected a Deployment, found kind \"Service\"");
  }

  private static List<String> keys(Object map) {
    return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
  }

  private static List<?> containers(Map<String, Object> deployment) {
    Map<?, ?> spec = (Map<?, ?>) deployment.get("spec");
    Map<?, ?> podSpec = (Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec");
    return (List<?>) podSpec.get("containers");
  }
}
