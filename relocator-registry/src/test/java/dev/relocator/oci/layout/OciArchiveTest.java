package dev.relocator.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.testing.TestImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveTest {
  @TempDir Path dir;

  /** The test images packed into {@code bundle.tar} through a staged layout, as a mirror writes them. */
  private TestImages packed(Path file) {
    TestImages images = TestImages.small(OciArchive.stagingDir(file));
    OciArchive.pack(OciLayout.open(OciArchive.stagingDir(file)), file);
    return images;
  }

  @Test
  void readsBackWhatItPackedBlobsInPlace() throws Exception {
    Path file = dir.resolve("bundle.tar");
    TestImages images = packed(file);

    OciArchive archive = OciArchive.open(file);

    assertThat(archive.refNames()).containsExactly(TestImages.SINGLE, TestImages.MULTI, TestImages.OTHER);
    Digest single = archive.require(TestImages.SINGLE).digest();
    assertThat(single).hasToString(images.digest(TestImages.SINGLE));
    Manifest manifest = archive.readManifest(single);
    Digest layer = manifest.blobs().get(1).digest();
    try (InputStream in = archive.openBlob(layer, manifest.blobs().get(1).size())) {
      // The stream checks the digest at its end: reading it all is reading the very bytes.
      assertThat(in.readAllBytes()).hasSize((int) manifest.blobs().get(1).size());
    }
    assertThat(archive.blobSize(layer)).hasValue(manifest.blobs().get(1).size());
  }

  @Test
  void packingLeavesOnlyTheFileBehind() {
    Path file = dir.resolve("bundle.tar");
    packed(file);

    try (Stream<Path> left = list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void anUnknownNameListsTheNamesThereAre() {
    Path file = dir.resolve("bundle.tar");
    packed(file);

    assertThatThrownBy(() -> OciArchive.open(file).require("demo/none:1")).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("read image demo/none:1 from OCI archive " + file
            + ": no such name in index.json (has [demo/single:1.0, demo/multi:1.0, demo/other:2.0])");
  }

  @Test
  void aTruncatedArchiveSaysWhereItEnds() throws Exception {
    Path file = dir.resolve("bundle.tar");
    packed(file);
    long size = Files.size(file);
    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.truncate(size - 3000);
    }

    assertThatThrownBy(() -> OciArchive.open(file)).isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("open OCI archive " + file + ": truncated at byte " + (size - 3000) + ":");
  }

  @Test
  void aMissingFileADirectoryAndATarWithoutLayoutAreNoArchives() throws Exception {
    assertThatThrownBy(() -> OciArchive.open(dir.resolve("none.tar"))).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("open OCI archive " + dir.resolve("none.tar") + ": no such file");
    assertThatThrownBy(() -> OciArchive.open(dir)).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("open OCI archive " + dir + ": a directory, not a tar file (an OCI layout directory is oci:DIR)");
    Path other = dir.resolve("other.tar");
    try (var out = Files.newOutputStream(other)) {
      Tar.Writer tar = new Tar.Writer(out);
      tar.file("hello.txt", 2, new java.io.ByteArrayInputStream("hi".getBytes()));
      tar.finish();
    }
    assertThatThrownBy(() -> OciArchive.open(other)).isInstanceOf(LayoutNotFoundException.class)
        .hasMessage("open OCI archive " + other + ": the tar holds no oci-layout file at its root");
  }

  @Test
  void anInterruptedPackLeavesNoFileAndNoTemporaryOne() {
    Path file = dir.resolve("bundle.tar");
    TestImages.small(OciArchive.stagingDir(file));

    Thread.currentThread().interrupt(); // the channel closes on its first write, as when a mirror is cancelled
    try {
      assertThatThrownBy(() -> OciArchive.pack(OciLayout.open(OciArchive.stagingDir(file)), file))
          .isInstanceOf(RegistryException.class).hasMessageStartingWith("write OCI archive " + file + ": ");
    } finally {
      Thread.interrupted();
    }

    assertThat(file).doesNotExist();
    try (Stream<Path> left = list(dir)) {
      assertThat(left).containsExactly(OciArchive.stagingDir(file)); // kept, for the next run to resume
    }
  }

  @Test
  void anInterruptedPackKeepsTheArchiveThereWas() throws Exception {
    Path file = dir.resolve("bundle.tar");
    packed(file);
    byte[] before = Files.readAllBytes(file);
    OciLayout staged = OciArchive.stage(file);
    staged.tag("demo/again:1", staged.resolve(TestImages.SINGLE).orElseThrow());

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> OciArchive.pack(staged, file)).isInstanceOf(RegistryException.class);
    } finally {
      Thread.interrupted();
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void stagingAnExistingArchiveAddsToIt() {
    Path file = dir.resolve("bundle.tar");
    TestImages images = packed(file);

    OciLayout staged = OciArchive.stage(file);
    assertThat(staged.refNames()).containsExactly(TestImages.SINGLE, TestImages.MULTI, TestImages.OTHER);
    staged.tag("demo/again:1", staged.require(TestImages.SINGLE));
    OciArchive.pack(staged, file);

    OciArchive archive = OciArchive.open(file);
    assertThat(archive.refNames()).containsExactly(TestImages.SINGLE, TestImages.MULTI, TestImages.OTHER, "demo/again:1");
    assertThat(archive.require("demo/again:1").digest()).hasToString(images.digest(TestImages.SINGLE));
    assertThat(OciArchive.stagingDir(file)).doesNotExist();
  }

  @Test
  void theSameLayoutPacksToTheSameBytes() throws Exception {
    Path file = dir.resolve("bundle.tar");
    packed(file);
    byte[] first = Files.readAllBytes(file);

    OciArchive.pack(OciArchive.stage(file), file);

    assertThat(Files.readAllBytes(file)).isEqualTo(first);
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
