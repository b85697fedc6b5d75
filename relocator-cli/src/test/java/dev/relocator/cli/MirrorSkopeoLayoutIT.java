package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout skopeo wrote ({@code skopeo copy ... oci:DIR:1.0} names the image by the bare tag
 * {@code 1.0}): {@code --from oci:DIR:REF} picks an image, {@code --to REGISTRY/REPOSITORY} names
 * its repository, and without a repository the run says so instead of pushing {@code library/1.0}.
 */
class MirrorSkopeoLayoutIT {
  @TempDir Path dir;

  @Test
  void aSkopeoLayoutNamedByTagsIsCopiedIntoTheRepositoryTheTargetNames() {
    TestImages images = TestImages.small(dir.resolve("layout"));
    Path skopeo = dir.resolve("skopeo");
    Skopeo.copy("oci:" + images.layout.dir() + ":" + TestImages.MULTI, "oci:" + skopeo + ":1.0", "--all",
        "--preserve-digests");
    Skopeo.copy("oci:" + images.layout.dir() + ":" + TestImages.SINGLE, "oci:" + skopeo + ":2.0", "--preserve-digests");
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      String host = registry.hostPort();

      CliRun noRepository = CliRun.of("mirror", "--from", "oci:" + skopeo, "--to", host, "--insecure-registry", host);
      assertThat(noRepository.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(noRepository.err()).isEqualTo("relocator: oci:" + skopeo + ": image \"1.0\" is named by a tag alone, so"
          + " it has no path to keep: copy it with --to REGISTRY/REPOSITORY (its repository) and without --rules\n");

      CliRun one = CliRun.of("mirror", "--from", "oci:" + skopeo + ":1.0", "--to", host + "/team/app",
          "--insecure-registry", host);
      assertThat(one.exitCode()).as(one.err()).isZero();
      assertThat(one.out()).startsWith("1 copied, 0 already present of 1 image; ");
      assertThat(Skopeo.rawDigest("docker://" + host + "/team/app:1.0", "--tls-verify=false"))
          .isEqualTo(images.digest(TestImages.MULTI));

      // Only the image REF names was copied: verify, with the same REF, and the other one.
      CliRun copied = CliRun.of("verify", "--from", "oci:" + skopeo + ":1.0", "--registry", host + "/team/app",
          "--insecure-registry", host);
      assertThat(copied.exitCode()).as(copied.out() + copied.err()).isZero();
      assertThat(copied.out()).contains("verified 1/1 images present");
      CliRun other = CliRun.of("verify", "--from", "oci:" + skopeo + ":2.0", "--registry", host + "/team/app",
          "--insecure-registry", host);
      assertThat(other.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(other.out()).contains("missing " + host + "/team/app:2.0").contains("verified 0/1 images present");

      CliRun all = CliRun.of("mirror", "--from", "oci:" + skopeo, "--to", host + "/team/app", "--insecure-registry", host);
      assertThat(all.exitCode()).as(all.err()).isZero();
      assertThat(all.out()).startsWith("1 copied, 1 already present of 2 images; ");
      assertThat(Skopeo.rawDigest("docker://" + host + "/team/app:2.0", "--tls-verify=false"))
          .isEqualTo(images.digest(TestImages.SINGLE));
    }
  }
}
