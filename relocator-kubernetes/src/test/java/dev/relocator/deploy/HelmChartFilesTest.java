package dev.relocator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart's files: its CRDs are deploy/crds/, and Helm's linter finds nothing wrong. */
class HelmChartFilesTest {

  private static final Path DEPLOY_CRDS = Path.of("..", "deploy", "crds");
  private static final Path CHART_CRDS = RelocatorChart.DIR.resolve("crds");

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      // deploy/crds/kustomization.yaml lists them for kustomize; the chart has no use for it.
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void chartCrdsAreExactlyTheDeployedCrds() throws IOException {
    List<String> deployed = names(DEPLOY_CRDS);
    assertThat(deployed).containsExactly("clusterimagemaps.relocator.dev-v1.yml",
        "clusterimagepolicies.relocator.dev-v1.yml", "imagemaps.relocator.dev-v1.yml", "imagepolicies.relocator.dev-v1.yml");
    assertThat(names(CHART_CRDS)).isEqualTo(deployed);
    for (String file : deployed) {
      assertThat(Files.readString(CHART_CRDS.resolve(file)))
          .as("deploy/helm/relocator/crds/%s is stale: copy deploy/crds/%s", file, file)
          .isEqualTo(Files.readString(DEPLOY_CRDS.resolve(file)));
    }
  }

  @Test
  void helmLintFindsNoWarningOrError() {
    RelocatorChart.requireHelmJava();
    LintResult lint = RelocatorChart.helm().lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void valuesNameNoImageRepository() throws IOException {
    // The chart must not point at any registry: the user names the one they relocated to.
    assertThat(Files.readAllLines(RelocatorChart.DIR.resolve("values.yaml")))
        .filteredOn(l -> l.trim().startsWith("repository:"))
        .containsExactly("  repository: \"\"");
  }
}
