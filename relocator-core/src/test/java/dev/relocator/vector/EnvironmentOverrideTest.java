package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentOverrideTest {

  @TempDir Path dir;

  @Test
  void withoutTheVariableTheBaseIsReturnedUnchanged() throws IOException {
    Path base = write("images.yaml", TestVectors.resource("seed-000-pause.yaml"));
    VectorReadResult result = EnvironmentOverride.read(base, Map.of());
    assertThat(result.vector().find("pause-container", FindOptions.kubernetes("1.30.0", null)))
        .hasToString("images.example/google_containers/pause-amd64:3.1");
  }

  @Test
  void theVariableNamesTheOverwriteFile() throws IOException {
    Path base = write("images.yaml", TestVectors.resource("seed-000-pause.yaml"));
    Path over = write("over.yaml", TestVectors.resource("seed-000-pause-overwrite.yaml"));
    VectorReadResult result = EnvironmentOverride.read(base, Map.of(EnvironmentOverride.OVERWRITE, over.toString()));
    assertThat(result.errors()).isEmpty();
    assertThat(result.vector().find("pause-container", FindOptions.kubernetes("1.30.0", null)))
        .hasToString("my-custom-image-registry/pause-amd64:3.1");
    // warnings of both files are kept, each naming its file
    assertThat(result.warnings()).anyMatch(d -> d.source().endsWith("over.yaml"));
  }

  @Test
  void missingOverwriteFileIsAClearError() throws IOException {
    Path base = write("images.yaml", "images: []\n");
    assertThatThrownBy(() -> EnvironmentOverride.read(base, Map.of(EnvironmentOverride.OVERWRITE, "/no/such.yaml")))
        .isInstanceOf(VectorException.class)
        .hasMessage("cannot read the overwrite IMAGEVECTOR_OVERWRITE=/no/such.yaml: no such file");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
