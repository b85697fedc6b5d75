package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.between;
import static dev.relocator.mirror.MirrorFixtures.fromLayout;
import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.Platform;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.FaultProxy;
import dev.relocator.registry.testing.OciImageBuilder;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import dev.relocator.registry.testing.TokenServer;
import dev.relocator.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy engine against real registries and layouts, checked by the client and by skopeo. */
class MirrorIT {
  private static final String CREDS = RegistryServer.USER + ":" + RegistryServer.PASSWORD;
  /**
   * Enough attempts that a request meeting injected faults in a row (0.15 each) practically always
   * gets through: seven in a row has odds of 2 in a million.
   */
  private static final dev.relocator.registry.RetryPolicy PATIENT =
      new dev.relocator.registry.RetryPolicy(8, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(1500));

  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, MirrorOptions options, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, options)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  private static Map<String, Digest> targetDigests(MirrorResult result) {
    return result.images().stream().collect(Collectors.toMap(
        r -> r.task().target().toString(), ImageResult::targetDigest));
  }

  @Test
  void layoutToRegistryToRegistryToLayoutKeepsEveryDigestAndSharesBlobs() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      ImageStores stores = stores(a.hostPort(), b.hostPort());

      MirrorResult seeded = run(stores, MirrorOptions.DEFAULT, fromLayout(images.layout.dir(), images.names(), a.hostPort(), ""));
      assertThat(seeded.failures()).isEmpty();
      assertThat(seeded.images()).hasSize(3).allMatch(ImageResult::digestPreserved);
      // 5 layers and 4 configs; the base layer lands once and is mounted into the two other repositories.
      assertThat(seeded.blobsCopied()).isEqualTo(9);
      assertThat(seeded.blobsMounted()).isEqualTo(2);
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + a.hostPort() + "/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }

      List<MirrorTask> toB = between(images.names(), a.hostPort(), "", b.hostPort(), "mirror/");
      MirrorResult mirrored = run(stores, MirrorOptions.DEFAULT, toB);
      assertThat(mirrored.failures()).isEmpty();
      assertThat(mirrored.summary()).startsWith("3 copied, 0 already present of 3 images; ");
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/mirror/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
        assertThat(stores.client(b.hostPort()).checkManifest("mirror/" + name.split(":")[0], name.split(":")[1])
            .orElseThrow().digest()).hasToString(images.digest(name));
      }

      MirrorResult again = run(stores, MirrorOptions.DEFAULT, toB);
      assertThat(again.images()).hasSize(3).allMatch(ImageResult::upToDate);
      assertThat(again.summary()).isEqualTo("0 copied, 3 already present of 3 images; 0 B written, 0 blobs already present");

      Path out = dir.resolve("out");
      List<MirrorTask> toLayout = new ArrayList<>();
      for (String name : images.names()) {
        toLayout.add(new MirrorTask(new ImageLocation.Registry(ImageReference.parse(b.hostPort() + "/mirror/" + name)),
            new ImageLocation.Layout(out, name)));
      }
      MirrorResult exported = run(stores, MirrorOptions.DEFAULT, toLayout);
      assertThat(exported.failures()).isEmpty();
      assertThat(exported.blobsCopied()).isEqualTo(9);
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("oci:" + out + ":" + name)).isEqualTo(images.digest(name));
      }
      LockFile lock = LockFile.of(mirrored);
      lock.write(dir.resolve("mirror.lock.yaml"));
      LockFile read = LockFile.read(dir.resolve("mirror.lock.yaml"));
      assertThat(read).isEqualTo(lock);
      assertThat(read.images()).extracting(LockFile.Entry::target).contains(
          b.hostPort() + "/mirror/" + TestImages.MULTI + "@" + images.digest(TestImages.MULTI));
      assertThat(read.images()).filteredOn(e -> e.source().endsWith(TestImages.MULTI))
          .singleElement().satisfies(e -> assertThat(e.platforms())
              .containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
    }
  }

  @Test
  void platformSubsetRewritesTheIndexAndSaysWhatHappenedToItsDigest() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      ImageStores stores = stores(a.hostPort());
      MirrorOptions amd64Only = MirrorOptions.DEFAULT.withPlatforms(List.of(Platform.parse("amd64")));
      List<MirrorTask> tasks = fromLayout(images.layout.dir(), List.of(TestImages.MULTI), a.hostPort(), "");

      try (MirrorEngine engine = new MirrorEngine(stores, amd64Only)) {
        PlannedImage planned = engine.plan(tasks).images().get(0);
        assertThat(planned.note()).hasValueSatisfying(n -> assertThat(n).contains("index rewritten with 1 of 2 platforms"));
      }
      MirrorResult result = run(stores, amd64Only, tasks);
      assertThat(result.failures()).isEmpty();
      ImageResult copied = result.images().get(0);
      assertThat(copied.digestPreserved()).isFalse();
      assertThat(copied.sourceDigest()).hasToString(images.digest(TestImages.MULTI));
      assertThat(copied.note()).hasValueSatisfying(n -> assertThat(n)
          .contains(images.digest(TestImages.MULTI) + " -> " + copied.targetDigest()));
      assertThat(copied.platforms()).containsExactly(Platform.parse("linux/amd64"));

      byte[] raw = Skopeo.raw("docker://" + a.hostPort() + "/" + TestImages.MULTI, "--tls-verify=false");
      assertThat(Digest.sha256(raw)).isEqualTo(copied.targetDigest());
      Manifest stored = Manifest.parse(raw, null, "test");
      assertThat(stored.manifests()).singleElement().satisfies(d ->
          assertThat(d.digest()).hasToString(images.multi.images().get(0).manifest().digest()));
      OciImageBuilder.Blob arm64Layer = images.multi.images().get(1).layers().get(1);
      assertThat(stores.client(a.hostPort()).checkBlob("demo/multi", Digest.parse(arm64Layer.digest()))).isEmpty();
    }
  }

  @Test
  void copyWithinOneRegistryMountsInsteadOfStreaming() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      ImageStores stores = stores(a.hostPort());
      assertThat(run(stores, MirrorOptions.DEFAULT,
          fromLayout(images.layout.dir(), List.of(TestImages.SINGLE), a.hostPort(), "")).failures()).isEmpty();
      MirrorResult copy = run(stores, MirrorOptions.DEFAULT,
          between(List.of(TestImages.SINGLE), a.hostPort(), "", a.hostPort(), "copy/"));
      assertThat(copy.failures()).isEmpty();
      assertThat(copy.blobsMounted()).isEqualTo(3);
      assertThat(copy.bytesCopied()).isZero();
      assertThat(Skopeo.rawDigest("docker://" + a.hostPort() + "/copy/" + TestImages.SINGLE, "--tls-verify=false"))
          .isEqualTo(images.digest(TestImages.SINGLE));
    }
  }

  @Test
  void copiesBetweenHtpasswdTlsAndTokenRegistries() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    TestPki pki = TestPki.create("relocator mirror CA");
    Path certDir = Files.createDirectories(dir.resolve("certs"));
    // skopeo's cert dir takes *.crt as CAs, and would pair a *.key with a client certificate.
    Path caFile = Files.writeString(certDir.resolve("ca.crt"), TestPki.pem(pki.ca().certificate()));
    try (TokenServer tokens = TokenServer.start(dir, RegistryServer.USER, RegistryServer.PASSWORD);
        RegistryServer basic = RegistryServer.builder(dir.resolve("basic")).htpasswd().start();
        RegistryServer tls = RegistryServer.builder(dir.resolve("tls")).tls(pki.serverCertificate()).start();
        RegistryServer token = RegistryServer.builder(dir.resolve("token")).token(tokens).start()) {
      Credentials credentials = new Credentials(RegistryServer.USER, RegistryServer.PASSWORD);
      CredentialProvider creds = CredentialProvider.chain(List.of(
          CredentialProvider.of(basic.hostPort(), credentials), CredentialProvider.of(token.hostPort(), credentials)));
      dev.relocator.registry.http.RegistryTransport transport = dev.relocator.registry.http.RegistryTransport.builder()
          .caFile(caFile).insecureRegistry(basic.hostPort()).insecureRegistry(token.hostPort()).build();
      Function<String, dev.relocator.registry.RegistryClient> clients = host -> dev.relocator.registry.RegistryClient
          .builder(host).transport(transport).credentials(creds).retryPolicy(MirrorFixtures.QUICK).build();
      ImageStores stores = new ImageStores(clients);

      assertThat(run(stores, MirrorOptions.DEFAULT,
          fromLayout(images.layout.dir(), images.names(), basic.hostPort(), "")).failures()).isEmpty();
      MirrorResult toTls = run(stores, MirrorOptions.DEFAULT, between(images.names(), basic.hostPort(), "", tls.hostPort(), ""));
      assertThat(toTls.failures()).isEmpty();
      MirrorResult toToken = run(stores, MirrorOptions.DEFAULT, between(images.names(), tls.hostPort(), "", token.hostPort(), "t/"));
      assertThat(toToken.failures()).isEmpty();

      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + basic.hostPort() + "/" + name, "--tls-verify=false", "--creds", CREDS))
            .isEqualTo(images.digest(name));
        assertThat(Skopeo.rawDigest("docker://" + tls.hostPort() + "/" + name, "--cert-dir", certDir.toString()))
            .isEqualTo(images.digest(name));
        assertThat(Skopeo.rawDigest("docker://" + token.hostPort() + "/t/" + name, "--tls-verify=false", "--creds", CREDS))
            .isEqualTo(images.digest(name));
      }
      assertThat(targetDigests(toToken).values()).extracting(Digest::toString)
          .containsExactlyInAnyOrderElementsOf(images.names().stream().map(images::digest).toList());
    }
  }

  @Test
  void faultsOnTheWayAreRetriedAndEveryDigestStillMatches() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start();
        FaultProxy proxy = FaultProxy.start(a.baseUri(), 11, 0.15, 15, FaultProxy.Fault.values())) {
      ImageStores stores = stores(CredentialProvider.none(), PATIENT, a.hostPort(), b.hostPort(), proxy.hostPort());
      assertThat(run(stores, MirrorOptions.DEFAULT,
          fromLayout(images.layout.dir(), images.names(), a.hostPort(), "")).failures()).isEmpty();

      MirrorResult result = run(stores, MirrorOptions.DEFAULT, between(images.names(), proxy.hostPort(), "", b.hostPort(), ""));
      assertThat(result.failures()).isEmpty();
      assertThat(proxy.faultsInjected()).isPositive();
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }
    }
  }

  @Test
  void faultsOnUploadsToTheTargetAreRetriedAndEveryDigestStillMatches() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer b = RegistryServer.builder(dir.resolve("b")).start();
        FaultProxy proxy = FaultProxy.start(b.baseUri(), 23, 0.15, 20, FaultProxy.Fault.values())) {
      ImageStores stores = stores(CredentialProvider.none(), PATIENT, b.hostPort(), proxy.hostPort());
      MirrorResult result = run(stores, MirrorOptions.DEFAULT,
          fromLayout(images.layout.dir(), images.names(), proxy.hostPort(), "up/"));
      assertThat(result.failures()).isEmpty();
      assertThat(proxy.faultsInjected()).isPositive();
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/up/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }
    }
  }

  @Test
  void dryRunReportsSourceTargetDigestAndSizeWithoutWriting() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      ImageStores stores = stores(a.hostPort());
      List<MirrorTask> tasks = new ArrayList<>(fromLayout(images.layout.dir(), images.names(), a.hostPort(), ""));
      tasks.add(new MirrorTask(new ImageLocation.Layout(images.layout.dir(), "demo/missing:0"),
          new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/demo/missing:0"))));
      MirrorPlan plan;
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
        plan = engine.plan(tasks);
      }
      PlannedImage single = plan.images().get(0);
      assertThat(single.sourceDigest()).hasValueSatisfying(d -> assertThat(d).hasToString(images.digest(TestImages.SINGLE)));
      assertThat(single.size()).hasValue(images.single.totalSize());
      assertThat(single.describe()).contains(" -> " + a.hostPort() + "/" + TestImages.SINGLE);
      assertThat(plan.images().get(3).error()).hasValueSatisfying(e -> assertThat(e).contains("demo/missing:0"));
      assertThat(stores.client(a.hostPort()).checkManifest("demo/single", "1.0")).isEmpty();
    }
  }
}
