package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --from oci:DIR[:REF]}: split as skopeo's oci transport splits it. */
class LayoutSourceTest {
  @Test
  void withoutARefEveryImageIsRead() {
    assertThat(LayoutSource.parse("oci:/media/usb/images"))
        .isEqualTo(new LayoutSource(Path.of("/media/usb/images"), false, Optional.empty()));
    assertThat(LayoutSource.parse("oci-archive:bundle.tar"))
        .isEqualTo(new LayoutSource(Path.of("bundle.tar"), true, Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource({
      "oci:dir:1.0, dir, false, 1.0",
      "oci:/tmp/x:127.0.0.1:5000/demo/app:1.0, /tmp/x, false, 127.0.0.1:5000/demo/app:1.0",
      "oci-archive:b.tar:latest, b.tar, true, latest",
      "oci:dir:demo/app@sha256:0123, dir, false, demo/app@sha256:0123"})
  void theRefIsEverythingAfterThePathsFirstColon(String text, String path, boolean archive, String ref) {
    LayoutSource source = LayoutSource.parse(text);
    assertThat(source).isEqualTo(new LayoutSource(Path.of(path), archive, Optional.of(ref)));
  }

  @Test
  void aMissingPathAnEmptyRefAndAnotherTransportAreRefusedSayingWhatIsExpected() {
    assertThatThrownBy(() -> LayoutSource.parse("oci:")).hasMessage("invalid --from \"oci:\": no DIR before the REF"
        + " (expected oci:DIR[:REF])");
    assertThatThrownBy(() -> LayoutSource.parse("oci::1.0")).hasMessageContaining("no DIR before the REF");
    assertThatThrownBy(() -> LayoutSource.parse("oci:dir:")).hasMessage("invalid --from \"oci:dir:\": empty REF"
        + " after \"dir:\" (give the image's org.opencontainers.image.ref.name, or leave out the \":\" for every image)");
    assertThatThrownBy(() -> LayoutSource.parse("docker://x/y:1")).hasMessage("invalid --from \"docker://x/y:1\":"
        + " expected oci:DIR[:REF] or oci-archive:FILE[:REF]");
  }
}
