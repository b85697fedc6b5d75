package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.VectorReader;
import dev.relocator.vector.VectorWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorImagesTest {
  private static final Digest D = Digest.parse("sha256:" + "d".repeat(64));
  private final ImageVector vector = VectorReader.read("images.yaml", """
      images:
      - name: kube-apiserver
        repository: 127.0.0.1:5000/kubernetes/kube-apiserver
        targetVersion: ">= 1.29"
      - name: pause-container
        repository: 127.0.0.1:5000/pause
        tag: "3.9"
        targetVersion: "< 1.31"
      - name: pause-container
        repository: 127.0.0.1:5000/pause
        tag: "3.10"
        targetVersion: ">= 1.31"
      - name: coredns
        ref: 127.0.0.1:5000/coredns/coredns:v1.11.1
      """).orThrow();

  @Test
  void withoutVersionsEveryCompleteEntryIsMirroredAndVersionTaggedOnesAreReported() {
    VectorImages.Selection selection = VectorImages.select(vector, List.of(), null);
    assertThat(selection.images()).extracting(ImageReference::toString).containsExactly(
        "127.0.0.1:5000/pause:3.9", "127.0.0.1:5000/pause:3.10", "127.0.0.1:5000/coredns/coredns:v1.11.1");
    assertThat(selection.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(2);
      assertThat(d.message()).isEqualTo(
          "image \"kube-apiserver\" left out: its tag comes from the target version; give --target-version");
    });
  }

  @Test
  void targetVersionsResolveEachNameAsGardenersFindDoes() {
    VectorImages.Selection selection = VectorImages.select(vector, List.of("1.30.2", "1.31.0"), null);
    assertThat(selection.images()).extracting(ImageReference::toString).containsExactly(
        "127.0.0.1:5000/kubernetes/kube-apiserver:v1.30.2", "127.0.0.1:5000/pause:3.9",
        "127.0.0.1:5000/coredns/coredns:v1.11.1", "127.0.0.1:5000/kubernetes/kube-apiserver:v1.31.0",
        "127.0.0.1:5000/pause:3.10");
    assertThat(selection.diagnostics()).isEmpty();
  }

  @Test
  void pinnedOverwriteRepeatsTheMergeKeyAndPinsTagsToDigests() {
    VectorImages.Selection selection = VectorImages.select(vector, List.of("1.30.2"), null);
    Map<ImageReference, VectorImages.Copy> copied = Map.of(
        ImageReference.parse("127.0.0.1:5000/pause:3.9"),
        new VectorImages.Copy(ImageReference.parse("127.0.0.1:5001/m/pause:3.9"), D),
        ImageReference.parse("127.0.0.1:5000/coredns/coredns:v1.11.1"),
        new VectorImages.Copy(ImageReference.parse("127.0.0.1:5001/m/coredns/coredns:v1.11.1"), D),
        ImageReference.parse("127.0.0.1:5000/kubernetes/kube-apiserver:v1.30.2"),
        new VectorImages.Copy(ImageReference.parse("127.0.0.1:5001/m/kubernetes/kube-apiserver:v1.30.2"), D));
    List<Diagnostic> diagnostics = new ArrayList<>();
    String overwrite = VectorWriter.write(VectorImages.pinnedOverwrite(selection, copied, diagnostics));
    assertThat(overwrite).contains("""
        - name: pause-container
          repository: 127.0.0.1:5001/m/pause
          tag: 3.9@%s
          targetVersion: < 1.31""".formatted(D))
        .contains("ref: 127.0.0.1:5001/m/coredns/coredns:v1.11.1@" + D)
        .contains("repository: 127.0.0.1:5001/m/kubernetes/kube-apiserver\n");
    assertThat(diagnostics).singleElement().satisfies(d -> assertThat(d.message())
        .isEqualTo("image \"kube-apiserver\" relocated but not pinned: its tag comes from the target version"));
  }
}
