package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
  private static final FindOptions K8S = FindOptions.kubernetes("1.30.0", null);

  @TempDir Path dir;

  @Test
  void theEnvironmentOverrideAppliesBeforeTheOverwriteFiles() throws IOException {
    Path base = write("images.yaml", TestVectors.resource("seed-000-pause.yaml"));
    Path fromEnvironment = write("env.yaml", "images:\n- name: pause-container\n  repository: env.example/pause\n  version: '>= 1.12'\n");
    Path overwrite = write("over.yaml", "images:\n- name: pause-container\n  repository: file.example/pause\n  version: '>= 1.12'\n");
    Map<String, String> environment = Map.of(EnvironmentOverride.OVERWRITE, fromEnvironment.toString());

    VectorReadResult both = VectorFiles.read(base, List.of(overwrite), environment);
    assertThat(both.errors()).isEmpty();
    assertThat(both.vector().find("pause-container", K8S)).hasToString("file.example/pause:3.1");

    VectorReadResult environmentOnly = VectorFiles.read(base, List.of(), environment);
    assertThat(environmentOnly.vector().find("pause-container", K8S)).hasToString("env.example/pause:3.1");
  }

  @Test
  void withoutOverwritesItIsTheVectorAsRead() throws IOException {
    Path base = write("images.yaml", TestVectors.resource("seed-000-pause.yaml"));
    VectorReadResult read = VectorFiles.read(base, List.of(), Map.of());
    assertThat(read.vector().find("pause-container", K8S))
        .hasToString("images.example/google_containers/pause-amd64:3.1");
  }

  @Test
  void findingsOfEveryFileComeBackTogetherInOrder() throws IOException {
    Path base = write("images.yaml", "images:\n- name: a\n  repository: r/a\n  tag: '1'\n  colour: red\n");
    Path overwrite = write("over.yaml", "images:\n- name: a\n  tag: '2'\n  size: big\n");
    VectorReadResult read = VectorFiles.read(base, List.of(overwrite), Map.of());
    assertThat(read.diagnostics()).extracting(d -> d.source())
        .containsSubsequence(base.toString(), overwrite.toString());
    assertThat(read.vector().find("a", FindOptions.none())).hasToString("r/a:2");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
