package dev.relocator.vector;

import static dev.relocator.vector.TestVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import org.junit.jupiter.api.Test;

class VectorMergerTest {

  private static final String DIGEST = "sha256:" + "e".repeat(64);

  @Test
  void repositoryOnlyOverwriteKeepsTheTag() {
    ImageVector base = vector("images:", "- {name: x, repository: public.example/x, tag: v1.0.0, sourceRepository: github.com/x}");
    ImageVector over = vector("images:", "- {name: x, repository: 127.0.0.1:5000/x}");
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.vector().entries()).singleElement().satisfies(e -> {
      assertThat(e.repository()).isEqualTo("127.0.0.1:5000/x");
      assertThat(e.tag()).isEqualTo("v1.0.0");
      assertThat(e.sourceRepository()).isEqualTo("github.com/x");
    });
    assertThat(result.diagnostics()).isEmpty();
  }

  @Test
  void digestPinKeepsTheReplacedTagAsTheVersion() {
    ImageVector base = vector("images:", "- {name: x, repository: public.example/x, tag: v1.4.2}", "- {name: y, repository: public.example/y, tag: '3.10'}");
    ImageVector over = vector("images:", "- {name: x, repository: 127.0.0.1:5000/x, tag: '" + DIGEST + "'}", "- {name: y, tag: '" + DIGEST + "', repository: 127.0.0.1:5000/y}");
    ImageVector merged = VectorMerger.merge(base, over).vector();
    Image x = merged.find("x", FindOptions.none());
    assertThat(x).hasToString("127.0.0.1:5000/x@" + DIGEST);
    assertThat(x.version()).isEqualTo("v1.4.2");
    // a partial version would read as a constraint, so it is not carried over
    assertThat(merged.entries().get(1).version()).isNull();
    assertThat(merged.find("y", FindOptions.none()).version()).isEqualTo(DIGEST);
  }

  @Test
  void refOverwriteReplacesRepositoryAndTag() {
    ImageVector base = vector("images:", "- {name: x, repository: public.example/x, tag: v1.0.0}");
    ImageVector over = vector("images:", "- {name: x, ref: '127.0.0.1:5000/x@" + DIGEST + "'}");
    ImageSource merged = VectorMerger.merge(base, over).vector().entries().get(0);
    assertThat(merged.ref()).isEqualTo("127.0.0.1:5000/x@" + DIGEST);
    assertThat(merged.repository()).isNull();
    assertThat(merged.tag()).isNull();
    assertThat(VectorMerger.merge(base, over).vector().find("x", FindOptions.none())).hasToString("127.0.0.1:5000/x@" + DIGEST);
  }

  @Test
  void repositoryOverwriteReplacesARef() {
    ImageVector base = vector("images:", "- {name: x, ref: 'public.example/x:v1'}");
    ImageVector over = vector("images:", "- {name: x, repository: 127.0.0.1:5000/x, tag: v2}");
    ImageSource merged = VectorMerger.merge(base, over).vector().entries().get(0);
    assertThat(merged.ref()).isNull();
    assertThat(new Image("x", merged.repository(), merged.tag(), merged.ref(), null, merged)).hasToString("127.0.0.1:5000/x:v2");
  }

  @Test
  void sameKeyMergesInPlaceAndOtherEntriesAppendInOrder() {
    ImageVector base =
        vector(
            "images:",
            "- {name: a, repository: r/a, tag: '1', targetVersion: '< 1.30'}",
            "- {name: a, repository: r/a, tag: '2', targetVersion: '>= 1.30'}",
            "- {name: b, repository: r/b, tag: '1', architectures: [amd64]}");
    ImageVector over =
        vector(
            "images:",
            "- {name: a, repository: p/a, targetVersion: '>= 1.30'}",
            "- {name: c, repository: p/c, tag: '3'}",
            "- {name: b, repository: p/b, architectures: [arm64]}");
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.vector().entries())
        .extracting(e -> e.name() + " " + e.repository() + ":" + e.tag())
        .containsExactly("a r/a:1", "a p/a:2", "b r/b:1", "c p/c:3", "b p/b:null");
    assertThat(result.diagnostics()).isEmpty(); // c is new; b for arm64 wins arm64 finds
  }

  @Test
  void theKeyComparesEveryFieldAndArchitecturesInOrder() {
    ImageVector base =
        vector(
            "images:",
            "- {name: a, repository: r/a, tag: '1', runtimeVersion: '>= 1.0', architectures: [amd64, arm64]}",
            "- {name: b, repository: r/b, tag: '1'}");
    ImageVector over =
        vector(
            "images:",
            "- {name: a, repository: p/a, runtimeVersion: '>= 1.0', architectures: [amd64, arm64]}",
            "- {name: a, repository: q/a, runtimeVersion: '>= 1.0', architectures: [arm64, amd64]}",
            "- {name: a, repository: s/a, architectures: [amd64, arm64]}",
            "- {name: b, repository: p/b}");
    assertThat(VectorMerger.merge(base, over).vector().entries())
        .extracting(e -> e.name() + " " + e.repository() + ":" + e.tag())
        .containsExactly("a p/a:1", "b p/b:1", "a q/a:null", "a s/a:null");
  }

  @Test
  void unknownKeysSurviveMergeAndWrite() {
    ImageVector base = TestVectors.read("images:", "- {name: x, repository: r/x, tag: '1', team: storage}", "owner: a").vector();
    ImageVector over = TestVectors.read("images:", "- {name: x, repository: p/x, ticket: OPS-1}", "review: b").vector();
    ImageVector merged = VectorMerger.merge(base, over).vector();
    assertThat(merged.entries().get(0).extra()).containsEntry("team", "storage").containsEntry("ticket", "OPS-1");
    String yaml = VectorWriter.write(merged);
    assertThat(yaml)
        .isEqualTo(
            "images:\n- name: x\n  repository: p/x\n  tag: '1'\n  team: storage\n  ticket: OPS-1\nowner: a\nreview: b\n");
    assertThat(TestVectors.read(yaml.split("\n")).vector().entries().get(0).extra()).containsKeys("team", "ticket");
  }

  @Test
  void overwriteEntryWithOtherTargetVersionIsAppendedAndWarned() {
    ImageVector base =
        TestVectors.read(
                "images:",
                "- name: csi-driver",
                "  repository: public.example/csi-driver",
                "  tag: v1.10.0",
                "  targetVersion: '>= 1.30'")
            .vector();
    ImageVector over =
        VectorReader.read(
                "overwrite.yaml",
                "images:\n- name: csi-driver\n  repository: 127.0.0.1:5000/csi-driver\n  tag: v1.10.0\n  targetVersion: '>= 1.31'\n")
            .vector();
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.vector().entries()).hasSize(2);
    assertThat(result.diagnostics())
        .singleElement()
        .extracting(Diagnostic::toString)
        .isEqualTo(
            "overwrite.yaml:2: images[0]: warning: overwrite entry for \"csi-driver\" (targetVersion \">= 1.31\") is appended, not merged, "
                + "and no find can select it: the entry at test.yaml:2 (targetVersion \">= 1.30\") always wins, so its image "
                + "(public.example/csi-driver:v1.10.0) stays in use; to replace that entry, repeat its name, runtimeVersion, "
                + "targetVersion, version constraint and architectures exactly");
    assertThat(result.vector().find("csi-driver", FindOptions.kubernetes("1.33.0", null))).hasToString("public.example/csi-driver:v1.10.0");
  }

  @Test
  void appendedEntryThatWinsEveryVersionedFindItMatchesIsNotWarned() {
    ImageVector base = vector("images:", "- {name: x, repository: r/x, tag: '1', targetVersion: '>= 1.30'}");
    ImageVector over = vector("images:", "- {name: x, repository: p/x, tag: '1', targetVersion: '1.31.0'}");
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.vector().find("x", FindOptions.kubernetes("1.31.0", null))).hasToString("p/x:1");
    assertThat(result.vector().find("x", FindOptions.kubernetes("1.31.1", null))).hasToString("r/x:1");
  }

  @Test
  void overwriteWithoutTheVersionConstraintOfTheSeedIsShadowedAndWarned() {
    ImageVector base = TestVectors.readResource("seed-000-pause.yaml").vector();
    ImageVector over = vector("images:", "- {name: pause-container, repository: mirror.example/pause-amd64, tag: '3.1'}");
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .contains("(no constraints) is appended, not merged, and the base entry at seed-000-pause.yaml:3 (version \"1.11.x\") "
            + "still wins some finds (for example target version 1.11.0, architecture amd64), which keep its image "
            + "(images.example/google_containers/pause-amd64:3.0)");
  }

  @Test
  void seedOverwriteReplacesBothEntriesInPlace() {
    ImageVector base = TestVectors.readResource("seed-000-pause.yaml").vector();
    ImageVector over = TestVectors.readResource("seed-000-pause-overwrite.yaml").vector();
    MergeResult result = VectorMerger.merge(base, over);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.vector().entries()).hasSize(2);
    assertThat(result.vector().find("pause-container", FindOptions.kubernetes("1.11.2", null))).hasToString("my-custom-image-registry/pause-amd64:3.0");
    assertThat(result.vector().find("pause-container", FindOptions.kubernetes("1.30.0", null))).hasToString("my-custom-image-registry/pause-amd64:3.1");
  }

  @Test
  void laterOverwritesWinAndTheLastCaBundleIsKept() {
    ImageVector base = vector("images:", "- {name: x, repository: r/x, tag: '1'}");
    ImageVector first = vector("images:", "- {name: x, repository: a/x}");
    ImageVector second = vector("images:", "- {name: x, tag: '2', repository: b/x}");
    ImageVector merged = VectorMerger.merge(base, first, second).vector();
    assertThat(merged.find("x", FindOptions.none())).hasToString("b/x:2");
  }
}
