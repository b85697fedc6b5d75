package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.between;
import static dev.relocator.mirror.MirrorFixtures.fromLayout;
import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy hashes no blob on the way (ImageStore.pushBlob): these tests corrupt a source blob (same
 * size, one byte changed) and check that the target, registry or layout, refuses it and that the
 * image fails without its tag.
 */
class MirrorDigestIT {
  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  /** Flips the middle byte of {@code file}, keeping its size. */
  private static void corrupt(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);
  }

  @Test
  void aCorruptLayoutBlobIsRefusedByTheTargetRegistry() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    String layer = images.single.layers().get(1).digest();
    corrupt(images.layout.blobPath(layer));
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).start()) {
      ImageStores stores = stores(registry.hostPort());
      MirrorResult result = run(stores, fromLayout(images.layout.dir(), List.of(TestImages.SINGLE), registry.hostPort(), ""));

      assertThat(result.images()).isEmpty();
      assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains(layer));
      assertThat(stores.client(registry.hostPort()).checkBlob("demo/single", Digest.parse(layer))).isEmpty();
      assertThat(stores.client(registry.hostPort()).checkManifest("demo/single", "1.0")).isEmpty();
    }
  }

  @Test
  void aCorruptBlobInTheSourceRegistryIsRefusedByTheTargetRegistry() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    String layer = images.single.layers().get(1).digest();
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      ImageStores stores = stores(a.hostPort(), b.hostPort());
      assertThat(run(stores, fromLayout(images.layout.dir(), List.of(TestImages.SINGLE), a.hostPort(), "")).failures())
          .isEmpty();
      corrupt(storedBlob(a.storage(), layer));

      MirrorResult result = run(stores, between(List.of(TestImages.SINGLE), a.hostPort(), "", b.hostPort(), "copy/"));

      assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains(layer));
      assertThat(stores.client(b.hostPort()).checkBlob("copy/demo/single", Digest.parse(layer))).isEmpty();
      assertThat(stores.client(b.hostPort()).checkManifest("copy/demo/single", "1.0")).isEmpty();
    }
  }

  @Test
  void aCorruptBlobIsRefusedByATargetLayout() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    String layer = images.single.layers().get(1).digest();
    corrupt(images.layout.blobPath(layer));
    Path out = dir.resolve("out");

    MirrorResult result = run(stores(), List.of(new MirrorTask(new ImageLocation.Layout(images.layout.dir(), TestImages.SINGLE),
        new ImageLocation.Layout(out, TestImages.SINGLE))));

    assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains(layer));
    assertThat(out.resolve("blobs/sha256/" + layer.substring("sha256:".length()))).doesNotExist();
  }

  /** Where Debian's docker-registry keeps a blob's bytes under its storage root. */
  private static Path storedBlob(Path storage, String digest) throws IOException {
    String hex = digest.substring("sha256:".length());
    try (Stream<Path> files = Files.walk(storage)) {
      return files.filter(p -> p.endsWith(Path.of("sha256", hex.substring(0, 2), hex, "data"))).findFirst()
          .orElseThrow(() -> new IOException("blob " + digest + " not found under " + storage));
    }
  }
}
