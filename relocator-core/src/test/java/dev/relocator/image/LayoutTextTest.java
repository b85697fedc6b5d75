package dev.relocator.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutTextTest {

  @Test
  void thePathEndsAtTheFirstColonSoANameKeepsItsOwn() {
    LayoutText split = LayoutText.split("oci:out:127.0.0.1:5000/demo/app:1.0").orElseThrow();
    assertThat(split).isEqualTo(new LayoutText("out", false, "127.0.0.1:5000/demo/app:1.0"));
    assertThat(split.namesImage()).isTrue();
    assertThat(split.rest()).isEqualTo("out:127.0.0.1:5000/demo/app:1.0");
  }

  @Test
  void anArchiveIsAFileAndAPlainLayoutADirectory() {
    LayoutText archive = LayoutText.split("oci-archive:images.tar").orElseThrow();
    assertThat(archive).isEqualTo(new LayoutText("images.tar", true, null));
    assertThat(archive.prefix()).isEqualTo("oci-archive:");
    assertThat(archive.pathLabel()).isEqualTo("FILE");
    assertThat(archive.rest()).isEqualTo("images.tar");
    assertThat(LayoutText.split("oci:out").orElseThrow().pathLabel()).isEqualTo("DIR");
  }

  @Test
  void anEmptyPathOrNameNamesNoImageAndTheCallerSaysWhy() {
    assertThat(LayoutText.split("oci::app").orElseThrow()).isEqualTo(new LayoutText("", false, "app"));
    assertThat(LayoutText.split("oci:out:").orElseThrow()).isEqualTo(new LayoutText("out", false, ""));
    assertThat(LayoutText.split("oci::app").orElseThrow().namesImage()).isFalse();
    assertThat(LayoutText.split("oci:out:").orElseThrow().namesImage()).isFalse();
    assertThat(LayoutText.split("oci:out").orElseThrow().namesImage()).isFalse();
  }

  @Test
  void textWithoutEitherPrefixIsNoLayout() {
    assertThat(LayoutText.split("docker.io/library/nginx:1.27")).isEmpty();
    assertThat(LayoutText.split("docker://nginx")).isEmpty();
    assertThat(LayoutText.split("OCI:out")).isEmpty();
  }
}
