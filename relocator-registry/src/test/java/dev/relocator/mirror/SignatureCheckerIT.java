package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.registry.testing.Cosign;
import dev.relocator.registry.testing.Document;
import dev.relocator.registry.testing.RawRegistry;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.SignedImage;
import dev.relocator.signature.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures verified where the images were relocated to (Debian's docker-registry): good ones
 * accepted, whether on the index or on each platform manifest, and the bad ones rejected with
 * their reason.
 */
class SignatureCheckerIT {
  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  @Test
  void relocatedSignaturesVerifyAgainstTheRelocatedDigestAndBadOnesAreRejected() {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      KeyPair key = Cosign.newKey();
      RawRegistry source = new RawRegistry(a.hostPort());
      SignedImage good = new SignedImage(key, a.hostPort() + "/demo/good");
      good.push(source, "demo/good");
      // Platforms signed, the index not: every platform's signature counts.
      SignedImage platforms = new SignedImage(key, a.hostPort() + "/demo/platforms", 1);
      platforms.cosignTags.remove(platforms.index.tagBase() + ".sig");
      platforms.push(source, "demo/platforms");
      SignedImage tampered = unsignedIndex(key, a.hostPort() + "/demo/tampered", 2);
      Document payload = Cosign.payload(a.hostPort() + "/demo/tampered", tampered.index.digest());
      Document changed = new Document(payload.mediaType(), payload.text().replace("demo/tampered", "demo/tampere_")
          .getBytes(StandardCharsets.UTF_8));
      tampered.cosignTags.put(tampered.index.tagBase() + ".sig",
          tampered.signatureManifest(changed, Cosign.sign(key.getPrivate(), payload.bytes())));
      tampered.push(source, "demo/tampered");
      SignedImage otherKey = unsignedIndex(Cosign.newKey(), a.hostPort() + "/demo/otherkey", 3);
      otherKey.cosignTags.put(otherKey.index.tagBase() + ".sig", otherKey.signature(a.hostPort() + "/demo/otherkey",
          otherKey.index.digest()));
      otherKey.push(source, "demo/otherkey");
      SignedImage otherDigest = unsignedIndex(key, a.hostPort() + "/demo/otherdigest", 4);
      otherDigest.cosignTags.put(otherDigest.index.tagBase() + ".sig", otherDigest.signature(a.hostPort() + "/demo/good",
          good.index.digest()));
      otherDigest.push(source, "demo/otherdigest");

      ImageStores stores = stores(a.hostPort(), b.hostPort());
      List<String> names = List.of("good", "platforms", "tampered", "otherkey", "otherdigest");
      MirrorResult result = run(stores, names.stream().map(n -> new MirrorTask(
          ImageLocation.parse(a.hostPort() + "/demo/" + n + ":1.0"), ImageLocation.parse(b.hostPort() + "/relocated/" + n + ":1.0")))
          .toList());
      assertThat(result.failures()).isEmpty();

      SignatureChecker checker = new SignatureChecker(stores, PublicKeys.parse(Cosign.publicKeyPem(key.getPublic()), "test"));
      SignatureChecker.Outcome[] outcomes = new SignatureChecker.Outcome[names.size()];
      for (int i = 0; i < names.size(); i++) {
        ImageResult image = result.images().get(i);
        outcomes[i] = checker.check(image.task().target(), image.targetDigest());
      }
      assertThat(outcomes[0].signed()).as(outcomes[0].problems().toString()).isTrue();
      assertThat(outcomes[0].how()).isEqualTo("signature on " + good.index.digest());
      assertThat(outcomes[1].signed()).as(outcomes[1].problems().toString()).isTrue();
      assertThat(outcomes[1].how()).isEqualTo("every platform manifest signed");
      assertThat(outcomes[2].signed()).isFalse();
      assertThat(outcomes[2].problems().get(0)).endsWith("the signature does not verify with the key (another key's, or a changed payload)");
      assertThat(outcomes[3].signed()).isFalse();
      assertThat(outcomes[3].problems().get(0)).contains("does not verify with the key");
      assertThat(outcomes[4].signed()).isFalse();
      assertThat(outcomes[4].problems().get(0)).endsWith("the signed payload names " + good.index.digest() + ", not "
          + Digest.parse(otherDigest.index.digest()));
      // Platform manifests unsigned in the bad images: each is listed.
      assertThat(outcomes[4].problems()).anyMatch(p -> p.startsWith("linux/amd64: ") && p.contains(".sig"));
    }
  }

  /** An image whose platform manifests are unsigned and whose index is signed as the caller puts it. */
  private static SignedImage unsignedIndex(KeyPair key, String reference, int seed) {
    SignedImage image = new SignedImage(key, reference, seed);
    image.cosignTags.keySet().removeIf(tag -> !tag.startsWith(image.index.tagBase()) || tag.endsWith(".sig"));
    return image;
  }
}
