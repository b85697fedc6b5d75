package dev.relocator.vector;

import static dev.relocator.vector.TestVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.version.InvalidVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageVectorFindTest {

  private static final ImageVector VERSIONED =
      vector(
          "images:",
          "- name: csi",
          "  repository: repo/csi-range",
          "  tag: v1.0.0",
          "  targetVersion: '>= 1.30'",
          "- name: csi",
          "  repository: repo/csi-exact",
          "  tag: v2.0.0",
          "  targetVersion: 1.31.4",
          "- name: csi",
          "  repository: repo/csi-eq",
          "  tag: v3.0.0",
          "  targetVersion: '= 1.32.0'",
          "- name: csi",
          "  repository: repo/csi-any",
          "  tag: v0.9.0");

  @ParameterizedTest(name = "target {0} -> {1}")
  @CsvSource({
    "1.31.4, repo/csi-exact:v2.0.0", // exact (2) beats range (1)
    "1.31.5, repo/csi-range:v1.0.0", // only the range matches: range (1) beats no constraint (0)
    "1.32.0, repo/csi-eq:v3.0.0", // '=' counts as exact
    "v1.31.4-gke.1, repo/csi-exact:v2.0.0", // normalised as Gardener does
    "1.29.9, repo/csi-any:v0.9.0", // constraints exclude; the unconstrained entry remains
  })
  void exactConstraintBeatsRangeWhichBeatsNone(String target, String image) {
    assertThat(VERSIONED.find("csi", FindOptions.of(null, target, null))).hasToString(image);
  }

  @Test
  void withoutAVersionConstraintsScoreZeroAndTheEarliestEntryWins() {
    assertThat(VERSIONED.find("csi", FindOptions.none())).hasToString("repo/csi-range:v1.0.0");
  }

  @Test
  void runtimeAndTargetScoresAdd() {
    ImageVector vector =
        vector(
            "images:",
            "- {name: x, repository: r/target-exact, tag: a, targetVersion: 1.30.0}",
            "- {name: x, repository: r/both-range, tag: b, targetVersion: '>= 1.30', runtimeVersion: '>= 1.28'}",
            "- {name: x, repository: r/both-exact, tag: c, targetVersion: '1.30.0', runtimeVersion: '1.28.0'}");
    assertThat(vector.find("x", FindOptions.of("1.29.0", "1.30.0", null))).hasToString("r/target-exact:a");
    assertThat(vector.find("x", FindOptions.of("1.28.0", "1.30.0", null))).hasToString("r/both-exact:c");
    assertThat(vector.find("x", FindOptions.of("1.28.0", "1.30.1", null))).hasToString("r/both-range:b");
  }

  private static final ImageVector ARCHES = TestVectors.readResource("seed-001-architectures.yaml").orThrow();

  @ParameterizedTest(name = "arch {0} -> entry {1}")
  @CsvSource(
      nullValues = "none",
      value = {"amd64, 0", "arm64, 1", "none, 0"})
  void singleArchitectureEntryBeatsMultiArchitectureEntry(String arch, int entry) {
    Image image = ARCHES.find("pause-container", FindOptions.of(null, null, arch));
    assertThat(image.source()).isSameAs(ARCHES.entries().get(entry));
  }

  @Test
  void entryWithoutArchitecturesServesAmd64AndArm64ButNothingElse() {
    ImageVector vector = vector("images:", "- {name: x, repository: r/x, tag: '1'}");
    assertThat(vector.find("x", FindOptions.of(null, null, "arm64"))).hasToString("r/x:1");
    assertThat(vector.find("x", FindOptions.of(null, null, null))).hasToString("r/x:1");
    assertThat(vector.findOptional("x", FindOptions.of(null, null, "s390x"))).isEmpty();
  }

  @Test
  void multiArchitectureMatchScoresOneSoAVersionMatchCanOutweighIt() {
    ImageVector vector =
        vector(
            "images:",
            "- {name: x, repository: r/single, tag: '1', architectures: [amd64]}",
            "- {name: x, repository: r/versioned, tag: '2', targetVersion: '1.30.0'}");
    // single arch: 0 + 2 = 2; versioned multi-arch: 2 + 1 = 3.
    assertThat(vector.find("x", FindOptions.of(null, "1.30.0", "amd64"))).hasToString("r/versioned:2");
  }

  @Test
  void tiesGoToTheEarliestEntry() {
    ImageVector vector =
        vector(
            "images:",
            "- {name: x, repository: r/first, tag: '1', targetVersion: '>= 1.20'}",
            "- {name: x, repository: r/second, tag: '2', targetVersion: '>= 1.25'}");
    assertThat(vector.find("x", FindOptions.of(null, "1.30.0", null))).hasToString("r/first:1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "repository: r/x, tag: '1.2'                  | 1.31.4 | r/x:1.2",
        "repository: r/x, tag: 'sha256:<a64>' | none | r/x@sha256:<a64>",
        "repository: r/x, tag: 'v1.2.3@sha256:<b64>' | none | r/x:v1.2.3@sha256:<b64>",
        "repository: r/x                              | 1.31.4 | r/x:v1.31.4",
        "repository: r/x                              | v1.31.4 | r/x:v1.31.4",
        "repository: r/x                              | none   | r/x",
        "ref: 'other.example/team/x:9@sha256:<c64>' | 1.31.4 | other.example/team/x:9@sha256:<c64>",
      },
      nullValues = "none")
  void imageStringsFollowGardener(String fields, String target, String image) {
    fields = hex(fields);
    image = hex(image);
    ImageVector vector = vector("images:", "- {name: x, " + fields + "}");
    assertThat(vector.find("x", FindOptions.of(null, target, null))).hasToString(image);
  }

  private static String hex(String text) {
    return text.replace("<a64>", "a".repeat(64)).replace("<b64>", "b".repeat(64)).replace("<c64>", "c".repeat(64));
  }

  @Test
  void untaggedEntryTakesTheTargetVersionAsTagAndVersion() {
    Image image = vector("images:", "- {name: x, repository: r/x}").find("x", FindOptions.of(null, "1.31.4", null));
    assertThat(image.tag()).isEqualTo("v1.31.4");
    assertThat(image.version()).isEqualTo("v1.31.4");
    assertThat(image.repository()).isEqualTo("r/x");
    assertThat(image.ref()).isNull();
  }

  @Test
  void notFoundSaysWhyEachEntryFailed() {
    assertThatThrownBy(() -> VERSIONED.find("csi", FindOptions.of(null, "1.31.4", "s390x")))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("no entry of image \"csi\" matches target version 1.31.4, architecture s390x")
        .hasMessageContaining("test.yaml:2: architectures amd64,arm64 exclude s390x");
    assertThatThrownBy(() -> VERSIONED.find("nope", FindOptions.none()))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessage("no image named \"nope\" in the vector");
  }

  @Test
  void invalidRequestedVersionIsRejectedWhenOptionsAreMade() {
    assertThatThrownBy(() -> FindOptions.of(null, "one.two", null)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void namesAreListedInOrderOfFirstAppearance() {
    ImageVector vector =
        vector(
            "images:",
            "- {name: b, repository: r/b}",
            "- {name: a, repository: r/a}",
            "- {name: b, repository: r/b2}");
    assertThat(vector.names()).containsExactly("b", "a");
    assertThat(vector.entriesNamed("b")).extracting(ImageSource::repository).containsExactly("r/b", "r/b2");
  }
}
