package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.Cosign;
import dev.relocator.registry.testing.RawRegistry;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.SignedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator mirror --referrers} and {@code relocator verify --signed-by} on a signed image
 * with an attestation, an SBOM and referrers, between two of Debian's docker-registry.
 */
class SupplyChainCommandIT {
  @TempDir Path dir;

  @Test
  void mirrorCarriesAndLocksTheArtifactsAndVerifyChecksThemAndTheSignature() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      KeyPair key = Cosign.newKey();
      SignedImage image = new SignedImage(key, a.hostPort() + "/demo/signed");
      image.push(new RawRegistry(a.hostPort()), "demo/signed");
      Path list = Files.write(dir.resolve("images.txt"), List.of(a.hostPort() + "/demo/signed:1.0"));
      Path pub = Files.writeString(dir.resolve("cosign.pub"), Cosign.publicKeyPem(key.getPublic()));
      Path otherPub = Files.writeString(dir.resolve("other.pub"), Cosign.publicKeyPem(Cosign.newKey().getPublic()));
      Path lock = dir.resolve("lock.yaml");
      String[] registries = {"--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort()};

      CliRun plan = CliRun.of(concat(new String[] {"mirror", "--images", list.toString(), "--to", b.hostPort() + "/m",
          "--dry-run"}, registries));
      assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
      assertThat(plan.out()).contains("    + tag " + image.index.tagBase() + ".sig " + image.cosignTags.get(image.index.tagBase()
          + ".sig").digest()).contains("    + referrer " + SignedImage.SPDX_ARTIFACT + " " + image.sbomReferrer.digest())
          .contains("plan: 1 image, ").contains(", 7 attached artifacts");

      CliRun mirror = CliRun.of(concat(new String[] {"mirror", "--images", list.toString(), "--to", b.hostPort() + "/m",
          "--lock", lock.toString()}, registries));
      assertThat(mirror.exitCode()).as(mirror.out() + mirror.err()).isZero();
      assertThat(mirror.out()).startsWith("1 copied, 0 already present of 1 image; ").contains(", 7 attached artifacts carried");
      assertThat(Files.readString(lock)).contains("  artifacts:\n  - tag: " + image.index.tagBase() + ".sig\n")
          .contains("  - artifactType: " + SignedImage.SPDX_ARTIFACT + "\n    digest: " + image.sbomReferrer.digest());

      CliRun verify = CliRun.of(concat(new String[] {"verify", "--images", list.toString(), "--registry", b.hostPort() + "/m",
          "--signed-by", pub.toString()}, registries));
      assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
      assertThat(verify.out()).contains("verified 1/1 images present, 1/1 signed by " + pub);

      CliRun otherKey = CliRun.of(concat(new String[] {"verify", "--images", list.toString(), "--registry",
          b.hostPort() + "/m", "--signed-by", otherPub.toString(), "--referrers", "none"}, registries));
      assertThat(otherKey.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(otherKey.out()).contains("unsigned " + b.hostPort() + "/m/demo/signed:1.0@" + image.index.digest() + ": tag "
          + image.index.tagBase() + ".sig").contains("does not verify with the key").contains("0/1 signed by " + otherPub);

      b.deleteTag("m/demo/signed:" + image.index.tagBase() + ".att");
      CliRun missing = CliRun.of(concat(new String[] {"verify", "--images", list.toString(), "--registry",
          b.hostPort() + "/m"}, registries));
      assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(missing.out()).contains("missing " + b.hostPort() + "/m/demo/signed:1.0: tag " + image.index.tagBase() + ".att")
          .contains("verified 1/1 images present, 1 attached artifacts missing");

      CliRun bad = CliRun.of("mirror", "--images", list.toString(), "--to", b.hostPort(), "--referrers", "some");
      assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(bad.err()).contains("--referrers: invalid referrers mode \"some\": expected all, signatures or none");
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
