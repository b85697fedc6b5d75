package dev.relocator.vector;

import static dev.relocator.vector.TestVectors.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorReaderTest {

  @Test
  void gardenerDocumentationVectorsReadWithoutErrors() {
    for (String name : List.of("seed-000-pause.yaml", "seed-001-pause.yaml", "seed-001-architectures.yaml")) {
      VectorReadResult result = TestVectors.readResource(name);
      assertThat(result.errors()).as(name).isEmpty();
      assertThat(result.vector().entries()).as(name).isNotEmpty();
    }
  }

  @Test
  void gardenerContainersFileShapeReadsWithoutFindings() {
    VectorReadResult result = TestVectors.readResource("gardener-containers-excerpt.yaml");
    assertThat(result.diagnostics()).isEmpty();
    ImageVector vector = result.vector();
    assertThat(vector.entries()).hasSize(13);
    assertThat(vector.entriesNamed("kubernetes-dashboard-metrics-scraper").get(0).labels())
        .isEqualTo(vector.entriesNamed("kubernetes-dashboard").get(0).labels());
    assertThat(vector.entriesNamed("envoy-proxy").get(0).resourceId().extra()).containsKey("version-template");
    FindOptions options = FindOptions.kubernetes("1.33.2", null);
    assertThat(vector.find("metrics-server", options)).hasToString("k8s-images.example/metrics-server/metrics-server:v0.8.1");
    assertThat(vector.find("node-problem-detector", FindOptions.kubernetes("1.35.1", null))).hasToString("k8s-images.example/node-problem-detector/node-problem-detector:v1.35.3");
    assertThat(vector.find("kube-apiserver", options)).hasToString("k8s-images.example/kube-apiserver:v1.33.2");
    assertThat(vector.find("gardener-apiserver", FindOptions.none())).hasToString("releases.example/gardener/apiserver");
    String again = VectorWriter.write(vector);
    assertThat(VectorReader.read("again.yaml", again).vector().entries())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("origin")
        .isEqualTo(vector.entries());
  }

  @Test
  void everyFieldIsReadAsWritten() {
    ImageVector vector =
        TestVectors.vector(
            "images:",
            "- name: gardenlet",
            "  sourceRepository: github.com/gardener/gardener",
            "  repository: releases.example/gardener-project/gardener/gardenlet",
            "  tag: \"v1.2.3@sha256:" + "d".repeat(64) + "\"",
            "  runtimeVersion: \">= 1.28\"",
            "  targetVersion: \"< 1.35\"",
            "  architectures: [amd64, arm64]",
            "  labels:",
            "  - name: gardener.cloud/cve-categorisation",
            "    value:",
            "      network_exposure: protected",
            "      authentication_enforced: false",
            "  resourceId:",
            "    name: gardenlet-image");
    ImageSource e = vector.entries().get(0);
    assertThat(e.name()).isEqualTo("gardenlet");
    assertThat(e.sourceRepository()).isEqualTo("github.com/gardener/gardener");
    assertThat(e.tag()).startsWith("v1.2.3@sha256:ddd");
    assertThat(e.runtimeVersion()).isEqualTo(">= 1.28");
    assertThat(e.targetVersion()).isEqualTo("< 1.35");
    assertThat(e.architectures()).containsExactly("amd64", "arm64");
    assertThat(e.labels()).hasSize(1);
    assertThat(e.labels().get(0).name()).isEqualTo("gardener.cloud/cve-categorisation");
    assertThat(e.labels().get(0).value())
        .isEqualTo(Map.of("network_exposure", "protected", "authentication_enforced", false));
    assertThat(e.resourceId().name()).isEqualTo("gardenlet-image");
    assertThat(e.origin().line()).isEqualTo(2);
    assertThat(e.origin().lineOf("targetVersion")).isEqualTo(7);
  }

  @Test
  void unknownKeysAtEveryLevelAreKeptAndWarnedWithASuggestion() {
    VectorReadResult result =
        read(
            "images:",
            "- name: x",
            "  repository: r/x",
            "  targetversion: '>= 1.30'",
            "  labels:",
            "  - name: l",
            "    valeu: 1",
            "  resourceId: {name: n, kind: oci}",
            "caBundle:",
            "  inlined: nothing",
            "owner: platform-team");
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "test.yaml:4: images[0].targetversion: warning: unknown key \"targetversion\" (did you mean \"targetVersion\"?): kept, but it has no effect",
            "test.yaml:7: images[0].labels[0].valeu: warning: unknown key \"valeu\" (did you mean \"value\"?): kept, but it has no effect",
            "test.yaml:10: caBundle.inlined: warning: unknown key \"inlined\" (did you mean \"inline\"?): kept, but it has no effect",
            "test.yaml:11: owner: warning: unknown key \"owner\": kept, but it has no effect");
    ImageVector vector = result.vector();
    assertThat(vector.entries().get(0).extra()).containsEntry("targetversion", ">= 1.30");
    assertThat(vector.entries().get(0).labels().get(0).extra()).containsEntry("valeu", 1L);
    assertThat(vector.entries().get(0).resourceId().extra()).containsEntry("kind", "oci");
    assertThat(vector.caBundle().extra()).containsEntry("inlined", "nothing");
    assertThat(vector.extra()).containsEntry("owner", "platform-team");
    // the misspelt constraint has no effect on matching:
    assertThat(vector.find("x", FindOptions.of(null, "1.20.0", null))).hasToString("r/x:v1.20.0");
  }

  @Test
  void strictTurnsWarningsIntoErrors() {
    VectorReadResult result = read("images:", "- {name: x, repository: r/x, tga: '1'}").strict();
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.errors().get(0).toString())
        // An error keeps nothing: the warning's "kept, but it has no effect" would be untrue.
        .isEqualTo("test.yaml:2: images[0].tga: unknown key \"tga\" (did you mean \"tag\"?)");
  }

  @Test
  void validationReportsEveryErrorWithLineAndPath() {
    VectorReadResult result =
        read(
            "images:",
            "- repository: r/nameless", // 2
            "- name: both", // 3
            "  ref: r/x:1", // 4
            "  repository: r/x", // 5
            "  tag: '2'", // 6
            "- name: empty", // 7
            "  repository: ''", // 8
            "- name: bad-constraints", // 9
            "  repository: r/x", // 10
            "  runtimeVersion: '>> 1.2'", // 11
            "  targetVersion: '>= 1.30 <'", // 12
            "- name: bad-arch", // 13
            "  repository: r/x", // 14
            "  architectures:", // 15
            "  - x86_64", // 16
            "  - arm64", // 17
            "- name: bad-tag", // 18
            "  repository: r/x", // 19
            "  tag: 'sha256:abc'", // 20
            "- name: no-image"); // 21
    assertThat(result.errors())
        .extracting(d -> d.line() + " " + d.path())
        .containsExactly(
            "2 images[0].name",
            "5 images[1].repository",
            "6 images[1].tag",
            "8 images[2].repository",
            "11 images[3].runtimeVersion",
            "12 images[3].targetVersion",
            "16 images[4].architectures[0]",
            "20 images[5].tag",
            "21 images[6]");
    assertThat(result.errors().get(0).message()).isEqualTo("name is required");
    assertThat(result.errors().get(4).toString()).startsWith("test.yaml:11: images[3].runtimeVersion: improper constraint \">> 1.2\"");
    assertThat(result.errors().get(6).message()).contains("unknown architecture \"x86_64\" (did you mean \"amd64\"?)");
    assertThat(result.errors().get(8).message()).isEqualTo("either ref or repository is required");
    assertThatThrownBy(result::orThrow).hasMessageStartingWith("invalid image vector: test.yaml:2: images[0].name: name is required (and 8 more: ");
  }

  @Test
  void unquotedNumericTagIsReadAsWrittenAndWarned() {
    VectorReadResult result = read("images:", "- {name: x, repository: r/x, tag: 3.10}");
    assertThat(result.vector().entries().get(0).tag()).isEqualTo("3.10");
    assertThat(result.warnings()).singleElement().extracting(Diagnostic::message).asString().contains("quote it: \"3.10\"");
  }

  @Test
  void syntaxErrorsAndWrongShapesAreErrorsWithLines() {
    assertThat(read("images:", "- name: x", "  repository: [unclosed").errors())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("not valid YAML"));
    assertThat(read("images: nope").errors().get(0).toString())
        .isEqualTo("test.yaml:1: images: must be a list of entries, found the scalar \"nope\"");
    assertThat(read("- a", "- b").errors().get(0).message()).startsWith("expected a mapping with an \"images\" list");
    assertThat(read("").warnings().get(0).message()).isEqualTo("the file is empty: no images");
  }

  @Test
  void duplicateKeysWarnAndTheLastWins() {
    VectorReadResult result = read("images:", "- name: x", "  repository: r/a", "  repository: r/b");
    assertThat(result.vector().entries().get(0).repository()).isEqualTo("r/b");
    assertThat(result.warnings()).extracting(Diagnostic::line).containsExactly(4);
  }

  @Test
  void caBundleMustBeACurrentPemCertificate() {
    String valid = TestVectors.resource("ca-valid.pem");
    String expired = TestVectors.resource("ca-expired.pem");
    assertThat(VectorReader.read("v.yaml", caBundle(valid)).errors()).isEmpty();
    assertThat(VectorReader.read("v.yaml", caBundle(valid)).vector().caBundle().inline()).isEqualTo(valid);
    assertThat(VectorReader.read("v.yaml", caBundle(expired)).errors())
        .singleElement()
        .hasToString("v.yaml:4: caBundle.inline: certificate \"CN=Expired Test CA\" expired on 2001-01-31T00:00:00Z");
    assertThat(VectorReader.read("v.yaml", caBundle("hello\n")).errors())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("not a PEM certificate"));
  }

  @Test
  void laterEntryThatAnEarlierOneAlwaysBeatsIsWarned() {
    VectorReadResult result =
        read(
            "images:",
            "- {name: ca, repository: r/ca, tag: v1.34.0, targetVersion: '>= 1.34'}",
            "- {name: ca, repository: r/ca, tag: v1.35.0, targetVersion: '>= 1.35'}",
            "- {name: ca, repository: r/ca, tag: v1.33.9, targetVersion: '1.33.9'}");
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .hasToString(
            "test.yaml:3: images[1]: warning: entry for \"ca\" (targetVersion \">= 1.35\") is never selected: the entry at "
                + "test.yaml:2 (targetVersion \">= 1.34\") scores at least as high on every find it matches, and ties go to "
                + "the earliest entry; narrow that entry's constraints or move this one before it");
  }

  @Test
  void multiArchitectureEntryAfterSingleArchitectureEntriesForBothIsNeverSelected() {
    assertThat(TestVectors.readResource("seed-001-architectures.yaml").warnings())
        .singleElement()
        .extracting(Diagnostic::path)
        .isEqualTo("images[2]");
  }

  @Test
  void repositoriesAndRefsFollowTheReferenceGrammar() {
    VectorReadResult result =
        read(
            "images:",
            "- {name: a, repository: Upstream.Example/Team/App, tag: '1'}",
            "- {name: b, ref: 'upstream.example/app:'}",
            "- {name: c, repository: 'upstream.example/app:1.0'}",
            "- {name: d, repository: '127.0.0.1:5000/team/app', tag: '1'}");
    assertThat(result.errors()).extracting(d -> d.line() + " " + d.path()).containsExactly("2 images[0].repository", "3 images[1].ref", "4 images[2].repository");
    assertThat(result.errors().get(0).message()).startsWith("invalid reference \"Upstream.Example/Team/App\"");
    assertThat(result.errors().get(2).message()).isEqualTo("repository \"upstream.example/app:1.0\" holds a tag: put it in tag or use ref");
  }

  private static String caBundle(String pem) {
    return "images:\n- {name: x, repository: r/x}\ncaBundle:\n  inline: |\n"
        + pem.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }
}
