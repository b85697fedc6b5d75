package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.Platform;
import dev.relocator.registry.error.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  private static final Digest D = Digest.parse("sha256:" + "c".repeat(64));
  @TempDir Path dir;

  @Test
  void copiedImagesAreLockedWithTheTargetDigestAndFailuresLeftOut() {
    MirrorTask task = new MirrorTask(ImageLocation.parse("127.0.0.1:5000/demo/app:1.0"),
        ImageLocation.parse("127.0.0.1:5001/mirror/demo/app:1.0"));
    MirrorTask failed = new MirrorTask(ImageLocation.parse("127.0.0.1:5000/demo/x:1"), ImageLocation.parse("127.0.0.1:5001/x:1"));
    MirrorResult result = new MirrorResult(2,
        List.of(new ImageResult(task, D, D, List.of(Platform.parse("linux/amd64")), 10, false, Optional.empty())),
        List.of(new ImageFailure(failed, "boom", new IllegalStateException("boom"))), 10, 1, 0, 0);
    LockFile lock = LockFile.of(result);
    assertThat(lock.toYaml()).isEqualTo("""
        images:
        - source: 127.0.0.1:5000/demo/app:1.0
          sourceDigest: %s
          target: 127.0.0.1:5001/mirror/demo/app:1.0@%s
          platforms:
          - linux/amd64
        """.formatted(D, D));
    assertThat(ImageReference.parse(lock.images().get(0).target()).digest()).contains(D);
  }

  @Test
  void lockFileRoundTripsThroughYaml() {
    LockFile lock = new LockFile(List.of(new LockFile.Entry("a/b:1", D, "r/a/b:1@" + D, List.of()),
        new LockFile.Entry("c:2", D, "oci:/x:c:2@" + D, List.of(Platform.parse("linux/arm64/v8")))));
    Path file = dir.resolve("lock.yaml");
    lock.write(file);
    assertThat(LockFile.read(file)).isEqualTo(lock);
  }

  @Test
  void badEntryIsReportedWithFileAndIndex() throws Exception {
    Path file = dir.resolve("lock.yaml");
    Files.writeString(file, "images:\n- source: a\n  sourceDigest: sha256:nothex\n  target: b\n");
    assertThatThrownBy(() -> LockFile.read(file)).isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(file + ":2: images[0] (a): sourceDigest: ");
  }

  @Test
  void anArtifactWithoutADigestIsNamedWithFileLineEntryAndWhatItLacks() throws Exception {
    Path file = dir.resolve("lock.yaml");
    Files.writeString(file, """
        images:
        - source: 127.0.0.1:5000/demo/app:1.0
          sourceDigest: %s
          target: 127.0.0.1:5001/demo/app:1.0@%s
          artifacts:
          - tag: sha256-%s.sig
            digest: %s
          - artifactType: application/spdx+json
            subject: %s
        """.formatted(D, D, D.encoded(), D, D));
    assertThatThrownBy(() -> LockFile.read(file)).isInstanceOf(RegistryException.class)
        .hasMessage(file + ":8: images[0] (127.0.0.1:5000/demo/app:1.0): artifacts[1]: no digest: each carried"
            + " artifact is locked with the digest it was copied with, as mirror --lock writes it");
  }

  @Test
  void anImageWithoutItsSourceDigestIsNamedAtItsLine() throws Exception {
    Path file = dir.resolve("lock.yaml");
    Files.writeString(file, "images:\n- source: a/b:1\n  sourceDigest: %s\n  target: r/a/b:1@%s\n- source: c:2\n  target: r/c:2\n"
        .formatted(D, D));
    assertThatThrownBy(() -> LockFile.read(file)).isInstanceOf(RegistryException.class)
        .hasMessage(file + ":5: images[1] (c:2): no sourceDigest: each image is locked with the digest it was copied"
            + " with, as mirror --lock writes it");
  }

  @Test
  void anEmptyEntryIsNamedNotACrash() throws Exception {
    Path file = dir.resolve("lock.yaml");
    Files.writeString(file, "images:\n-\n");
    assertThatThrownBy(() -> LockFile.read(file)).isInstanceOf(RegistryException.class)
        .hasMessage(file + ":2: images[0]: empty: each image is locked with its source, sourceDigest and target");
  }

  @Test
  void summarySaysCopiedOfTotalBytesAndPresentBlobs() {
    assertThat(new MirrorResult(3, List.of(), List.of(), 1234, 2, 1, 5).summary())
        .isEqualTo("0 copied, 0 already present of 3 images; 1.2 KiB written, 5 blobs already present, 1 mounted");
  }

  @Test
  void aReRunThatCopiesNothingSaysSo() {
    MirrorTask task = new MirrorTask(ImageLocation.parse("127.0.0.1:5000/demo/app:1.0"),
        ImageLocation.parse("127.0.0.1:5001/demo/app:1.0"));
    ImageResult upToDate = new ImageResult(task, D, D, List.of(), 0, true, Optional.empty(), List.of());
    assertThat(new MirrorResult(1, List.of(upToDate), List.of(), 0, 0, 0, 0).summary())
        .isEqualTo("0 copied, 1 already present of 1 image; 0 B written, 0 blobs already present");
  }

  @Test
  void carriedArtifactsAreLockedByTagOrArtifactTypeAndCountedApartFromImages() {
    Digest sig = Digest.parse("sha256:" + "5".repeat(64));
    Digest sbom = Digest.parse("sha256:" + "6".repeat(64));
    List<Attachment> carried = List.of(new Attachment(Attachment.Kind.TAG, "sha256-" + D.encoded() + ".sig", sig, D),
        new Attachment(Attachment.Kind.REFERRER, "application/spdx+json", sbom, D));
    MirrorTask task = new MirrorTask(ImageLocation.parse("127.0.0.1:5000/demo/app:1.0"),
        ImageLocation.parse("127.0.0.1:5001/demo/app:1.0"));
    MirrorResult result = new MirrorResult(1, List.of(new ImageResult(task, D, D, List.of(), 10, false, Optional.empty(),
        carried)), List.of(), 10, 1, 0, 0);

    assertThat(result.summary()).isEqualTo("1 copied, 0 already present of 1 image; 10 B written, 0 blobs already present, 2 attached artifacts carried");
    assertThat(LockFile.of(result).toYaml()).contains("""
          artifacts:
          - tag: sha256-%s.sig
            digest: %s
            subject: %s
          - artifactType: application/spdx+json
            digest: %s
            subject: %s
        """.formatted(D.encoded(), sig, D, sbom, D));
    Path file = dir.resolve("lock.yaml");
    LockFile.of(result).write(file);
    assertThat(LockFile.read(file).images().get(0).artifacts()).isEqualTo(carried);
  }
}
