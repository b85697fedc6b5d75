package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ResolveYamlOutputTest {
  @TempDir Path dir;

  @Test
  void yamlOutputKeepsNumericLookingTagsAndVersionsStrings() throws IOException {
    Path vector = Files.writeString(dir.resolve("images.yaml"), """
        images:
        - name: pause
          repository: registry.example/pause
          tag: "3.10"
        - name: legacy
          repository: registry.example/legacy
          tag: "0755"
        """);

    CliRun run = CliRun.of("vector", "resolve", "--vector", vector.toString(), "-o", "yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    List<?> rows = (List<?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(run.out());
    Map<?, ?> pause = (Map<?, ?>) rows.get(0);
    assertThat(List.<Object>copyOf(pause.keySet())).containsExactly("name", "image", "repository", "tag", "ref", "version", "error");
    assertThat(pause.get("tag")).isEqualTo("3.10");
    assertThat(pause.get("version")).isEqualTo("3.10");
    assertThat(pause.get("ref")).isNull();
    assertThat(((Map<?, ?>) rows.get(1)).get("tag")).isEqualTo("0755");
  }
}
