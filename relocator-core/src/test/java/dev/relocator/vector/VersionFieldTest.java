package dev.relocator.vector;

import static dev.relocator.vector.TestVectors.read;
import static dev.relocator.vector.TestVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The seeds' {@code version} field: a constraint on the target version unless a full version. */
class VersionFieldTest {

  private static final ImageVector SEED_000 = TestVectors.readResource("seed-000-pause.yaml").orThrow();
  private static final ImageVector SEED_001 = TestVectors.readResource("seed-001-pause.yaml").orThrow();

  @ParameterizedTest(name = "Kubernetes {0} -> {1}")
  @CsvSource({
    "1.11.0, images.example/google_containers/pause-amd64:3.0",
    "1.11.9, images.example/google_containers/pause-amd64:3.0",
    "1.12.0, images.example/google_containers/pause-amd64:3.1",
    "1.31.4, images.example/google_containers/pause-amd64:3.1",
  })
  void seed000VersionSelectsTheTag(String kubernetes, String image) {
    assertThat(SEED_000.find("pause-container", FindOptions.kubernetes(kubernetes, null))).hasToString(image);
  }

  @ParameterizedTest(name = "Kubernetes {0} -> {1}")
  @CsvSource({"1.20.15, k8s-images.example/pause:3.4", "1.21.0, k8s-images.example/pause:3.5", "v1.30.2-eks.1, k8s-images.example/pause:3.5"})
  void seed001VersionSelectsTheTag(String kubernetes, String image) {
    assertThat(SEED_001.find("pause-container", FindOptions.kubernetes(kubernetes, null))).hasToString(image);
  }

  @Test
  void versionConstraintExcludesOtherVersions() {
    assertThat(SEED_000.findOptional("pause-container", FindOptions.kubernetes("1.10.3", null))).isEmpty();
  }

  @ParameterizedTest(name = "version {0} constraint={1}")
  @CsvSource({
    "v1.2.3, false",
    "1.2.3, false",
    "1.2.3-rc.1, false",
    "1.20, true",
    "1.20.x, true",
    "'>= 1.12', true",
    "'~1.20', true",
    "'1.2 - 1.4', true",
    "'1.20.x || 1.21.x', true",
  })
  void onlyFullPlainVersionsStayInformational(String version, boolean constraint) {
    assertThat(ImageSource.isVersionConstraint(version)).isEqualTo(constraint);
  }

  @Test
  void fullVersionIsInformationalAndReportedAsTheImageVersion() {
    ImageVector vector = vector("images:", "- {name: x, repository: r/x, tag: '7', version: v1.2.3}");
    Image image = vector.find("x", FindOptions.kubernetes("1.30.0", null));
    assertThat(image).hasToString("r/x:7");
    assertThat(image.version()).isEqualTo("v1.2.3");
  }

  @Test
  void constraintVersionScoresLikeTargetVersion() {
    ImageVector vector =
        vector(
            "images:",
            "- {name: x, repository: r/range, tag: '1', targetVersion: '>= 1.30'}",
            "- {name: x, repository: r/exact, tag: '2', version: '1.30.1 || 1.30.2'}");
    assertThat(vector.find("x", FindOptions.of(null, "1.30.1", null))).hasToString("r/exact:2");
    assertThat(vector.find("x", FindOptions.of(null, "1.30.3", null))).hasToString("r/range:1");
    // it constrains the target version, not the runtime version
    assertThat(vector.find("x", FindOptions.of("1.30.1", null, null))).hasToString("r/range:1");
  }

  @Test
  void constraintVersionDrawsAWarningSuggestingTargetVersion() {
    assertThat(TestVectors.readResource("seed-000-pause.yaml").warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "seed-000-pause.yaml:7: images[0].version: warning: \"1.11.x\" is a constraint: it selects the entry by the target Kubernetes version (as in Gardener's docs), write it as targetVersion: \"1.11.x\" so Gardener matches it too",
            "seed-000-pause.yaml:12: images[1].version: warning: \">= 1.12\" is a constraint: it selects the entry by the target Kubernetes version (as in Gardener's docs), write it as targetVersion: \">= 1.12\" so Gardener matches it too");
  }

  @Test
  void withBothVersionAndTargetVersionBothMustMatchAndTheBetterScoreCounts() {
    VectorReadResult result =
        read(
            "images:",
            "- {name: x, repository: r/a, tag: '1', targetVersion: '>= 1.30'}",
            "- {name: x, repository: r/b, tag: '2', targetVersion: '>= 1.28', version: '=1.31.0'}");
    assertThat(result.warnings()).singleElement().extracting(Diagnostic::message).asString()
        .contains("targetVersion \">= 1.28\" is also set: both must match, and the better score counts");
    ImageVector vector = result.vector();
    // 1.31.0 meets both constraints of the second entry; its exact `version` scores 2
    assertThat(vector.find("x", FindOptions.of(null, "1.31.0", null))).hasToString("r/b:2");
    // 1.30.5 meets its targetVersion but not its version: the entry is excluded
    assertThat(vector.find("x", FindOptions.of(null, "1.30.5", null))).hasToString("r/a:1");
    // 1.29.0 meets neither entry fully
    assertThat(vector.findOptional("x", FindOptions.of(null, "1.29.0", null))).isEmpty();
  }

  @Test
  void versionThatIsNeitherVersionNorConstraintIsAnError() {
    assertThat(read("images:", "- {name: x, repository: r/x, version: '>> 1.2'}").errors())
        .singleElement()
        .satisfies(d -> assertThat(d.toString()).startsWith("test.yaml:2: images[0].version: \">> 1.2\" is neither a full version such as v1.2.3 nor a valid constraint"));
  }
}
