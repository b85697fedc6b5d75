package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentOverwritesTest {

  private static final ComponentOverwrites FILE =
      ComponentOverwrites.read("components.yaml", TestVectors.resource("components.yaml"));

  @Test
  void seedComponentsFileIsValid() {
    ComponentOverwrites seed = ComponentOverwrites.read("c.yaml", TestVectors.resource("seed-001-components.yaml"));
    assertThat(seed.diagnostics()).isEmpty();
    ComponentOverwrite druid = seed.component("etcd-druid");
    assertThat(druid.vector().find("etcd", FindOptions.none())).hasToString("etcd/etcd:v1.2.3");
    assertThat(druid.line()).isEqualTo(2);
  }

  @Test
  void everyNestedVectorIsValidatedWithTheComponentNamedAndOuterLines() {
    assertThat(FILE.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "components.yaml:13: components[1].imageVectorOverwrite.images[0].tag: component \"broken\": cannot be set together with ref \"127.0.0.1:5000/etcd:v3.5.17\"",
            "components.yaml:14: components[1].imageVectorOverwrite.images[0].architectures[0]: component \"broken\": unknown architecture \"aarch64\" (did you mean \"arm64\"?): expected an OCI platform architecture such as amd64, arm64, arm, 386, ppc64le, s390x, riscv64",
            "components.yaml:15: components[1].imageVectorOverwrite.images[1].name: component \"broken\": name is required",
            // a quoted string's lines cannot be mapped: its findings point at the value
            "components.yaml:17: components[2].imageVectorOverwrite.images[0].repository: component \"inline-string\": must not be empty; remove the key instead",
            "components.yaml:18: components[3].name: duplicate component \"etcd-druid\" (first at line 2)",
            "components.yaml:21: components[4].owner: warning: unknown key \"owner\": ignored",
            "components.yaml:20: components[4].name: component name is required");
    assertThat(FILE.hasErrors()).isTrue();
  }

  @Test
  void unknownComponentListsTheKnownOnes() {
    assertThatThrownBy(() -> FILE.component("gardenlet"))
        .isInstanceOf(VectorException.class)
        .hasMessage("no component \"gardenlet\" in the components file; it has: etcd-druid, broken, inline-string, etcd-druid, null");
  }

  @Test
  void environmentNamesTheComponentsFile() {
    assertThat(ComponentOverwrites.fromEnvironment(Map.of())).isEmpty();
    assertThat(ComponentOverwrites.fromEnvironment(Map.of(EnvironmentOverride.OVERWRITE_COMPONENTS, " "))).isEmpty();
    assertThat(List.of(FILE.components().get(0).name())).containsExactly("etcd-druid");
  }
}
