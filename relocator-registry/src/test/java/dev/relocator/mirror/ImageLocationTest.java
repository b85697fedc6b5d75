package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
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

  @Test
  void aTargetIsShownWithTheOneDigestStoredThereNotAlsoTheSourcesPin() {
    Digest index = Digest.parse("sha256:" + "a".repeat(64));
    Digest rewritten = Digest.parse("sha256:" + "b".repeat(64));
    ImageLocation pinned = ImageLocation.parse("127.0.0.1:5001/m/demo/multi@" + index);
    assertThat(pinned.unpinned()).isEqualTo("127.0.0.1:5001/m/demo/multi");
    assertThat(pinned.storedAs(rewritten)).isEqualTo("127.0.0.1:5001/m/demo/multi@" + rewritten);
    ImageLocation tagged = ImageLocation.parse("127.0.0.1:5001/m/demo/multi:1.0");
    assertThat(tagged.unpinned()).isEqualTo("127.0.0.1:5001/m/demo/multi:1.0");
    assertThat(tagged.storedAs(index)).isEqualTo("127.0.0.1:5001/m/demo/multi:1.0@" + index);

    // A layout's name is what its index.json holds: kept as it is, the stored digest after it.
    ImageLocation named = ImageLocation.parse("oci:/tmp/out:demo/app:1.0");
    assertThat(named.unpinned()).isEqualTo("oci:/tmp/out:demo/app:1.0");
    assertThat(named.storedAs(index)).isEqualTo("oci:/tmp/out:demo/app:1.0@" + index);
    ImageLocation namedByDigest = ImageLocation.parse("oci:/tmp/out:demo/app@" + index);
    assertThat(namedByDigest.storedAs(index)).isEqualTo("oci:/tmp/out:demo/app@" + index);
    assertThat(namedByDigest.storedAs(rewritten)).isEqualTo("oci:/tmp/out:demo/app@" + index + " (stored as " + rewritten + ")");
  }

  @Test
  void theLockPinsEveryTargetSoThatTheTextBeforeTheLastAtIsTheTargetAsPlanned() {
    Digest index = Digest.parse("sha256:" + "a".repeat(64));
    Digest rewritten = Digest.parse("sha256:" + "b".repeat(64));
    assertThat(ImageLocation.parse("127.0.0.1:5001/m/demo/multi:1.0").pinnedTo(index))
        .isEqualTo("127.0.0.1:5001/m/demo/multi:1.0@" + index);
    assertThat(ImageLocation.parse("127.0.0.1:5001/m/demo/multi@" + index).pinnedTo(rewritten))
        .isEqualTo("127.0.0.1:5001/m/demo/multi@" + rewritten);
    // Unlike storedAs, a layout name with a digest of its own keeps it and gets the stored one too.
    ImageLocation namedByDigest = ImageLocation.parse("oci:/tmp/out:demo/app@" + index);
    assertThat(namedByDigest.pinnedTo(rewritten)).isEqualTo(namedByDigest + "@" + rewritten);
    assertThat(namedByDigest.pinnedTo(index)).isEqualTo(namedByDigest + "@" + index);
  }
}
