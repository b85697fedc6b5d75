package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageSourceTest {

  @Test
  void anOverwriteKeepsWhatSelectsTheEntryAndNothingOfWhereItsImageIs() {
    ImageSource entry = ImageSource.builder("kube-apiserver")
        .sourceRepository("github.com/kubernetes/kubernetes")
        .repository("registry.k8s.io/kube-apiserver")
        .tag("v1.31.4")
        .version("v1.31.4")
        .runtimeVersion(">= 1.30")
        .targetVersion("1.31.x")
        .architectures(List.of("amd64"))
        .extra(Map.of("note", "kept only in the source"))
        .build();

    ImageSource overwrite = entry.overwrite().repository("127.0.0.1:5000/kube-apiserver").tag("v1.31.4").build();

    assertThat(overwrite).isEqualTo(ImageSource.builder("kube-apiserver")
        .repository("127.0.0.1:5000/kube-apiserver")
        .tag("v1.31.4")
        .version("v1.31.4")
        .runtimeVersion(">= 1.30")
        .targetVersion("1.31.x")
        .architectures(List.of("amd64"))
        .build());
  }
}
