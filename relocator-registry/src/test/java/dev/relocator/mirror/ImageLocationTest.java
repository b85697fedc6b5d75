package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageLocationTest {
  @ParameterizedTest
  @CsvSource({"oci:/tmp/out:demo/app:1.0, /tmp/out, demo/app:1.0", "oci:rel:x, rel, x"})
  void ociLocationsSplitAtTheFirstColonAfterThePrefix(String text, String dir, String name) {
    assertThat(ImageLocation.parse(text)).isEqualTo(new ImageLocation.Layout(Path.of(dir), name));
    assertThat(ImageLocation.parse(text)).hasToString(text);
  }

  @Test
  void ociArchiveLocationsNameAFileAndAnImage() {
    ImageLocation location = ImageLocation.parse("oci-archive:/tmp/bundle.tar:demo/app:1.0");
    assertThat(location).isEqualTo(new ImageLocation.Layout(Path.of("/tmp/bundle.tar"), "demo/app:1.0", true));
    assertThat(location).hasToString("oci-archive:/tmp/bundle.tar:demo/app:1.0");
    assertThatThrownBy(() -> ImageLocation.parse("oci-archive:/tmp/bundle.tar")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid OCI layout location \"oci-archive:/tmp/bundle.tar\": expected oci-archive:FILE:NAME");
  }

  @Test
  void otherTextIsAnImageReference() {
    ImageLocation location = ImageLocation.parse("127.0.0.1:5000/demo/app:1.0");
    assertThat(location).isInstanceOf(ImageLocation.Registry.class);
    assertThat(location.registryReference()).hasValueSatisfying(r -> {
      assertThat(r.domain()).isEqualTo("127.0.0.1:5000");
      assertThat(r.path()).isEqualTo("demo/app");
    });
  }

  @ParameterizedTest
  @CsvSource({"oci:/tmp/out", "oci::x", "oci:/tmp/out:"})
  void ociLocationWithoutDirOrNameIsRefused(String text) {
    assertThatThrownBy(() -> ImageLocation.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid OCI layout location \"" + text + "\": expected oci:DIR:NAME");
  }
}
