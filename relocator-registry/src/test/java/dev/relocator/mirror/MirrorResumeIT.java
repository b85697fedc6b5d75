package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.between;
import static dev.relocator.mirror.MirrorFixtures.fromLayout;
import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.testing.FaultProxy;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy that includes a 52 MiB layer, stopped mid-way (the network cut, or the engine cancelled),
 * then run again: the second run completes, copies only what is missing, and every digest checks.
 */
class MirrorResumeIT {
  private static final long BIG_LAYER = 52L * 1024 * 1024;

  @TempDir static Path shared;
  private static TestImages images;
  private static RegistryServer source;

  @TempDir Path dir;

  @BeforeAll
  static void seedSource() {
    images = TestImages.withBigLayer(shared.resolve("layout"), BIG_LAYER);
    source = RegistryServer.builder(shared.resolve("source")).start();
    MirrorResult seeded;
    try (MirrorEngine engine = new MirrorEngine(stores(source.hostPort()), MirrorOptions.DEFAULT)) {
      seeded = engine.run(fromLayout(images.layout.dir(), images.names(), source.hostPort(), ""), MirrorListener.NONE);
    }
    assertThat(seeded.failures()).isEmpty();
  }

  @AfterAll
  static void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void copyCutByTheNetworkMidwayResumesAndCopiesOnlyWhatIsMissing() throws Exception {
    try (RegistryServer target = RegistryServer.builder(dir.resolve("target")).start();
        FaultProxy proxy = FaultProxy.faithful(source.baseUri())) {
      RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50));
      ImageStores stores = stores(CredentialProvider.none(), impatient, proxy.hostPort(), target.hostPort());
      List<MirrorTask> tasks = between(images.names(), proxy.hostPort(), "", target.hostPort(), "");
      proxy.cutAfterBytes(20L * 1024 * 1024);

      MirrorResult interrupted;
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT.withBlobAttempts(1))) {
        interrupted = engine.run(tasks, MirrorListener.NONE);
      }
      assertThat(interrupted.failures()).extracting(f -> f.task().source().toString())
          .contains(proxy.hostPort() + "/" + TestImages.BIG);
      assertThat(interrupted.failures()).allSatisfy(f -> assertThat(f.reason()).contains("copy blob"));
      // A tag never points to a partial image.
      assertThat(stores.client(target.hostPort()).checkManifest("demo/big", "1.0")).isEmpty();

      proxy.cutAfterBytes(Long.MAX_VALUE / 4);
      MirrorResult resumed;
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
        resumed = engine.run(tasks, MirrorListener.NONE);
      }
      assertThat(resumed.failures()).isEmpty();
      assertThat(resumed.images()).filteredOn(ImageResult::upToDate).hasSize(interrupted.images().size());
      assertThat(resumed.blobsPresent()).isPositive();
      assertEveryDigestAt(target, stores.client(target.hostPort()));
    }
  }

  @Test
  void cancelledCopyResumesAndCompletes() throws Exception {
    try (RegistryServer target = RegistryServer.builder(dir.resolve("target")).start()) {
      ImageStores stores = stores(source.hostPort(), target.hostPort());
      List<MirrorTask> tasks = between(images.names(), source.hostPort(), "", target.hostPort(), "");
      MirrorResult cancelled;
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
        AtomicLong bytes = new AtomicLong();
        cancelled = engine.run(tasks, new MirrorListener() {
          @Override
          public void bytesTransferred(long n) {
            if (bytes.addAndGet(n) > 10L * 1024 * 1024 && bytes.get() - n <= 10L * 1024 * 1024) {
              engine.cancel();
            }
          }
        });
      }
      assertThat(cancelled.failures()).extracting(f -> f.task().source().toString())
          .contains(source.hostPort() + "/" + TestImages.BIG);
      assertThat(stores.client(target.hostPort()).checkManifest("demo/big", "1.0")).isEmpty();

      MirrorResult resumed;
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
        resumed = engine.run(tasks, MirrorListener.NONE);
      }
      assertThat(resumed.failures()).isEmpty();
      assertThat(resumed.summary()).contains(" of 4 images; ").doesNotContain("failed");
      assertEveryDigestAt(target, stores.client(target.hostPort()));
    }
  }

  /** Every manifest digest per skopeo, and every blob re-read with digest verification. */
  private static void assertEveryDigestAt(RegistryServer target, RegistryClient client) throws Exception {
    for (String name : images.names()) {
      assertThat(Skopeo.rawDigest("docker://" + target.hostPort() + "/" + name, "--tls-verify=false"))
          .isEqualTo(images.digest(name));
      String repository = name.substring(0, name.indexOf(':'));
      Manifest top = client.pullManifest(repository, name.substring(name.indexOf(':') + 1));
      List<Manifest> manifests = top.isIndex()
          ? top.manifests().stream().map(d -> client.pullManifest(repository, d.digest().toString())).toList()
          : List.of(top);
      for (Manifest manifest : manifests) {
        for (Descriptor blob : manifest.blobs()) {
          try (InputStream in = client.pullBlob(repository, blob.digest(), blob.size())) {
            in.transferTo(java.io.OutputStream.nullOutputStream()); // verifies digest and size at the end
          }
        }
      }
    }
    Digest big = Digest.parse(images.big.layers().get(1).digest());
    assertThat(client.checkBlob("demo/big", big)).hasValue(images.big.layers().get(1).size());
  }
}
