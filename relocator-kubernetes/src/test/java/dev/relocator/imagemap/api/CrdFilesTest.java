package dev.relocator.imagemap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs in deploy/crds are the ones the build generates from the Java classes. */
class CrdFilesTest {

  @ParameterizedTest
  @ValueSource(strings = {"imagemaps.relocator.dev-v1.yml", "clusterimagemaps.relocator.dev-v1.yml",
      "clusterimagepolicies.relocator.dev-v1.yml", "imagepolicies.relocator.dev-v1.yml"})
  void deployedCrdEqualsTheGeneratedOne(String file) throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(in).as("generated CRD %s on the class path", file).isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path deployed = Path.of("..", "deploy", "crds", file);
    assertThat(Files.readString(deployed))
        .as("deploy/crds/%s is stale: copy relocator-kubernetes/target/classes/META-INF/fabric8/%s", file, file)
        .isEqualTo(generated);
  }
}
