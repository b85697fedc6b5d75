package dev.relocator.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;

  @Test
  void blobsAreStoredOnlyWhenTheyMatchTheirDigest() throws Exception {
    OciLayout layout = OciLayout.openOrCreate(dir);
    byte[] content = "abc".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(content);
    Digest wrong = Digest.sha256("xyz".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> layout.writeBlob(wrong, 3, new ByteArrayInputStream(content))).isInstanceOf(IOException.class);
    assertThat(layout.blobSize(wrong)).isEmpty();
    try (var files = Files.list(dir.resolve("blobs/sha256"))) {
      assertThat(files).isEmpty(); // no temporary file left behind
    }
    layout.writeBlob(digest, 3, new ByteArrayInputStream(content));
    assertThat(layout.blobSize(digest)).hasValue(3);
    assertThat(layout.openBlob(digest, 3).readAllBytes()).isEqualTo(content);
  }

  @Test
  void namesAreKeptInIndexJsonAndReplacedWhenReused() {
    OciLayout layout = OciLayout.openOrCreate(dir);
    Descriptor one = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {1}), 1);
    Descriptor two = Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256(new byte[] {2}), 2);
    layout.tag("demo/app:1.0", one);
    layout.tag("demo/other:1.0", one);
    layout.tag("demo/app:1.0", two);
    OciLayout reopened = OciLayout.open(dir);
    assertThat(reopened.resolve("demo/app:1.0")).contains(two);
    assertThat(reopened.resolve("demo/other:1.0")).contains(one);
    assertThat(reopened.refNames()).containsExactly("demo/other:1.0", "demo/app:1.0");
    assertThat(reopened.resolve("missing")).isEmpty();
  }

  @Test
  void openingADirectoryThatIsNoLayoutSaysSo() {
    assertThatThrownBy(() -> OciLayout.open(dir)).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("open OCI layout " + dir + ": no oci-layout file");
  }

  @Test
  void aMissingBlobOrNameIsALayoutErrorThatSaysWhereItLooked() {
    OciLayout layout = OciLayout.openOrCreate(dir);
    Digest absent = Digest.sha256(new byte[] {9});
    assertThatThrownBy(() -> layout.openBlob(absent, 1)).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("read blob " + absent + " from OCI layout " + dir + ": no such blob");
    assertThatThrownBy(() -> layout.readManifest(absent)).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("read manifest " + absent + " from OCI layout " + dir + ": no such blob");
    layout.tag("demo/app:1.0", Descriptor.of(MediaTypes.OCI_MANIFEST, absent, 1));
    assertThatThrownBy(() -> layout.require("demo/app:2.0")).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("read image demo/app:2.0 from OCI layout " + dir + ": no such name in index.json (has [demo/app:1.0])");
  }
}
