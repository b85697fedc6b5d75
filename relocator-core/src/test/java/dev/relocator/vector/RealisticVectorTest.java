package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Gardener-style vector of 86 entries, read, validated, merged and resolved. */
class RealisticVectorTest {
  private static final VectorReadResult READ = TestVectors.readResource("realistic-images.yaml");
  private static final ImageVector VECTOR = READ.vector();
  private static final VectorReadResult OVERWRITE = TestVectors.readResource("realistic-overwrite.yaml");
  private static final MergeResult MERGED = VectorMerger.merge(VECTOR, OVERWRITE.vector());

  @Test
  void readsEveryEntryWithoutFindings() {
    assertThat(VECTOR.entries()).hasSizeGreaterThanOrEqualTo(80);
    assertThat(READ.diagnostics()).isEmpty();
    assertThat(VECTOR.entries().stream().filter(e -> e.labels() != null)).hasSizeGreaterThan(40);
    assertThat(VECTOR.names()).contains("cluster-autoscaler", "pause-container", "csi-provisioner", "hvpa-controller");
  }

  @Test
  void writeThenReadGivesTheSameEntries() {
    String yaml = VectorWriter.write(VECTOR);
    VectorReadResult again = VectorReader.read("again.yaml", yaml);
    assertThat(again.diagnostics()).isEmpty();
    assertThat(again.vector().entries())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("origin")
        .isEqualTo(VECTOR.entries());
  }

  @ParameterizedTest(name = "cluster-autoscaler for {0}")
  @CsvSource({
    "1.30.9, v1.30.3",
    "1.31.2, v1.31.1",
    "1.32.0, v1.32.1",
    "1.33.4, v1.33.0",
    "1.34.1, v1.34.0",
    "1.34.5, v1.34.2-hotfix.1", // the exact pin beats every range
    "1.35.0, v1.35.0",
    "1.36.2, v1.36.0",
    "1.40.0, v1.36.0",
  })
  void overlappingTargetVersionsResolveToTheNewestMatchingRange(String kubernetes, String tag) {
    Image image = VECTOR.find("cluster-autoscaler", FindOptions.kubernetes(kubernetes, null));
    assertThat(image.tag()).isEqualTo(tag);
  }

  @Test
  void everyNameResolvesForACurrentCluster() {
    FindOptions options = FindOptions.kubernetes("1.31.4", null);
    List<String> unresolved =
        VECTOR.names().stream().filter(n -> VECTOR.findOptional(n, options).isEmpty()).toList();
    // hyperkube is for < 1.19 only; s390x-tools only for s390x machines
    assertThat(unresolved).containsExactly("hyperkube", "s390x-tools");
    assertThat(VECTOR.find("kube-apiserver", options)).hasToString("upstream.example/kubernetes/kube-apiserver:v1.31.4");
    assertThat(VECTOR.find("pause-container", FindOptions.kubernetes("1.31.4", "arm64"))).hasToString("upstream.example/pause-arm64:3.10");
    assertThat(VECTOR.find("csi-provisioner", FindOptions.of("1.33.0", "1.30.0", null))).hasToString("upstream.example/sig-storage/csi-provisioner:v5.1.0");
    assertThat(VECTOR.find("alpine", options)).hasToString("upstream.example/library/alpine@sha256:" + "1f".repeat(32));
    assertThat(VECTOR.find("busybox", options)).hasToString("upstream.example/library/busybox:1.37.0@sha256:" + "2e".repeat(32));
    assertThat(VECTOR.find("s390x-tools", FindOptions.kubernetes("1.31.4", "s390x"))).hasToString("upstream.example/tools/s390x:1.0");
  }

  @Test
  void overwriteMergesInPlaceAndRelocates() {
    assertThat(OVERWRITE.errors()).isEmpty();
    ImageVector merged = MERGED.vector();
    assertThat(merged.entries()).hasSize(VECTOR.entries().size() + 1);
    FindOptions options = FindOptions.kubernetes("1.36.1", null);
    assertThat(merged.find("kube-apiserver", options)).hasToString("127.0.0.1:5000/kubernetes/kube-apiserver:v1.36.1");
    assertThat(merged.find("cluster-autoscaler", options)).hasToString("127.0.0.1:5000/gardener/autoscaler/cluster-autoscaler:v1.36.0");
    assertThat(merged.find("pause-container", options)).hasToString("127.0.0.1:5000/pause:3.10");
    assertThat(merged.find("hvpa-controller", options)).hasToString("127.0.0.1:5000/gardener/hvpa-controller:v0.17.0");
    assertThat(merged.find("alpine", options)).hasToString("127.0.0.1:5000/library/alpine@sha256:" + "1f".repeat(32));
    // labels of the base entries survive a repository-only overwrite
    assertThat(merged.find("pause-container", options).source().labels()).hasSize(1);
    // not overwritten: still upstream
    assertThat(merged.find("coredns", options)).hasToString("upstream.example/coredns/coredns:1.12.1");
  }

  @Test
  void theAppendedTrapEntryIsReported() {
    assertThat(MERGED.diagnostics())
        .singleElement()
        .extracting(Diagnostic::toString)
        .asString()
        .startsWith("realistic-overwrite.yaml:27: images[8]: warning: overwrite entry for \"cluster-autoscaler\" (targetVersion \">= 1.33.0\") is appended, not merged, and no find can select it: each find it matches goes to an earlier entry; for example the entry at realistic-images.yaml:")
        .contains("wins, so its image (upstream.example/gardener/autoscaler/cluster-autoscaler:v1.3");
    assertThat(MERGED.vector().find("cluster-autoscaler", FindOptions.kubernetes("1.33.2", null)))
        .hasToString("upstream.example/gardener/autoscaler/cluster-autoscaler:v1.33.0");
  }
}
