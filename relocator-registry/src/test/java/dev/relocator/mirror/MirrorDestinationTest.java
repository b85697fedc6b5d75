package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorDestinationTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:5001/mirror, 127.0.0.1:5000/demo/app:1.0, 127.0.0.1:5001/mirror/demo/app:1.0",
    "127.0.0.1:5001, nginx:1.25, 127.0.0.1:5001/library/nginx:1.25",
    "127.0.0.1:5001/a/b/, quay.io/calico/cni:v3, 127.0.0.1:5001/a/b/calico/cni:v3",
    "localhost:5001/m, registry.k8s.io/pause@sha256:0000000000000000000000000000000000000000000000000000000000000000,"
        + " localhost:5001/m/pause@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "localhost:5001/m, registry.k8s.io/pause:3.9@sha256:0000000000000000000000000000000000000000000000000000000000000000,"
        + " localhost:5001/m/pause:3.9",
  })
  void registryDestinationKeepsThePathAndReplacesTheRegistry(String to, String source, String target) {
    assertThat(MirrorDestination.parse(to).targets(ImageReference.parse(source)))
        .containsExactly(new ImageLocation.Registry(ImageReference.parse(target)));
  }

  @ParameterizedTest
  @CsvSource({
    "registry.k8s.io/coredns/coredns:v1.11.1, 127.0.0.1:5001/m/coredns/coredns:v1.11.1, 127.0.0.1:5001/m/coredns:v1.11.1",
    "registry.k8s.io/coredns:1.6.7, 127.0.0.1:5001/m/coredns:1.6.7, 127.0.0.1:5001/m/coredns/coredns:1.6.7",
  })
  void coreDnsIsPushedUnderBothNames(String source, String first, String second) {
    assertThat(MirrorDestination.parse("127.0.0.1:5001/m").targets(ImageReference.parse(source))).containsExactly(
        new ImageLocation.Registry(ImageReference.parse(first)), new ImageLocation.Registry(ImageReference.parse(second)));
  }

  @Test
  void layoutDestinationNamesImagesByTheirCanonicalSourceReference() {
    assertThat(MirrorDestination.parse("oci:/tmp/export").targets(ImageReference.parse("nginx:1.25")))
        .containsExactly(new ImageLocation.Layout(Path.of("/tmp/export"), "docker.io/library/nginx:1.25"));
  }

  @Test
  void archiveDestinationNamesImagesTheSameWayInOneFile() {
    MirrorDestination destination = MirrorDestination.parse("oci-archive:/tmp/bundle.tar");
    assertThat(destination).hasToString("oci-archive:/tmp/bundle.tar");
    assertThat(destination.targets(ImageReference.parse("nginx:1.25")))
        .containsExactly(new ImageLocation.Layout(Path.of("/tmp/bundle.tar"), "docker.io/library/nginx:1.25", true));
  }

  @ParameterizedTest
  @CsvSource({"'mirror', the first part must be a registry",
      "'127.0.0.1:5001/Mirror', repository name must be lowercase",
      "'127.0.0.1:5001/mirror:1.0', 'expected REGISTRY[/PREFIX], without a tag or digest'",
      "'127.0.0.1:5001/mirror@sha256:abc', 'expected REGISTRY[/PREFIX], without a tag or digest'",
      "'oci:', expected oci:DIR", "'oci-archive:', expected oci-archive:FILE"})
  void malformedDestinationsAreRefusedWithTheInput(String text, String reason) {
    assertThatThrownBy(() -> MirrorDestination.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid destination \"" + text + "\": " + reason)
        .message().doesNotContain("/x"); // the name appended to check the prefix is not the user's
  }

  @Test
  void imageListSkipsCommentsAndDuplicatesAndNamesTheBadLine() {
    assertThat(ImageList.parse("# images\nnginx:1.25\n\n  quay.io/calico/cni:v3  # cni\nnginx:1.25\n", "images.txt"))
        .containsExactly(ImageReference.parse("nginx:1.25"), ImageReference.parse("quay.io/calico/cni:v3"));
    assertThatThrownBy(() -> ImageList.parse("nginx\nBad/Name\n", "images.txt"))
        .isInstanceOf(RelocatorException.class).hasMessageStartingWith("images.txt:2: invalid reference \"Bad/Name\"")
        .message().doesNotContain("more");
  }

  @Test
  void imageListReportsEveryBadLineAtOnce() {
    assertThatThrownBy(() -> ImageList.parse("Bad/Name\nnginx\nfoo bar\nalso:bad:tag\n", "images.txt"))
        .isInstanceOf(RelocatorException.class)
        .hasMessageStartingWith("images.txt:1: invalid reference \"Bad/Name\"")
        .hasMessageContaining(" (and 2 more: images.txt:3: invalid reference \"foo bar\"")
        .hasMessageContaining("; images.txt:4: invalid reference \"also:bad:tag\"");
  }

  @Test
  void anImageVectorGivenAsAnImageListIsNamedForWhatItIs() {
    String vector = "# platform images\nimages:\n- name: pause\n  repository: registry.k8s.io/pause\n  tag: \"3.10\"\n";

    assertThatThrownBy(() -> ImageList.parse(vector, "images.yaml"))
        .isInstanceOf(RelocatorException.class)
        .hasMessage("images.yaml:2: \"images:\" starts an image vector, not a list of image references (one per line;"
            + " 4 lines are not references): give the file with --vector");
  }

  @Test
  void kubernetesYamlGivenAsAnImageListIsNamedForWhatItIs() {
    String pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx\n";

    assertThatThrownBy(() -> ImageList.parse(pod, "pod.yaml"))
        .hasMessageStartingWith("pod.yaml:1: \"apiVersion: v1\" starts Kubernetes YAML, not a list of image references")
        .hasMessageEndingWith("give the file with --manifests");
    assertThatThrownBy(() -> ImageList.parse("---\n" + pod, "pods.yaml"))
        .hasMessageStartingWith("pods.yaml:1: \"---\" starts Kubernetes YAML");
  }
}
