package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relocator verify} checks what {@code relocator mirror} wrote with the same {@code --arch}. */
class VerifyArchIT {
  @TempDir Path dir;

  @Test
  void verifyWithTheSameArchFindsEveryImageMirrorWroteAndReportsAnAbsentOne() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());
      String multi = a.hostPort() + "/" + TestImages.MULTI.split(":")[0];
      String multiDigest = images.digest(TestImages.MULTI);
      Path list = dir.resolve("images.txt");
      Files.write(list, List.of(
          a.hostPort() + "/" + TestImages.MULTI + "@" + multiDigest, // tag and digest
          multi + "@" + multiDigest,                                // digest only
          a.hostPort() + "/" + TestImages.MULTI,                      // tag only
          a.hostPort() + "/" + TestImages.SINGLE + "@" + images.digest(TestImages.SINGLE)));
      String[] common = {"--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--arch", "arm64"};

      CliRun mirror = CliRun.of(concat(new String[] {"mirror", "--images", list.toString(), "--to", b.hostPort() + "/m"},
          common));
      assertThat(mirror.exitCode()).as(mirror.out() + mirror.err()).isZero();
      assertThat(mirror.out()).startsWith("4 copied, 0 already present of 4 images; ");

      CliRun verify = CliRun.of(concat(new String[] {"verify", "--images", list.toString(), "--registry",
          b.hostPort() + "/m"}, common));
      assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
      assertThat(verify.out()).contains("verified 4/4 images present");

      // Without --arch, the digest pins ask for the full index, which the target does not hold.
      CliRun withoutArch = CliRun.of("verify", "--images", list.toString(), "--registry", b.hostPort() + "/m",
          "--insecure-registry", b.hostPort());
      assertThat(withoutArch.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(withoutArch.out()).contains("verified 2/4 images present");

      CliRun otherPlatform = CliRun.of("verify", "--images", list.toString(), "--registry", b.hostPort() + "/m",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--arch", "amd64");
      assertThat(otherPlatform.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(otherPlatform.out()).contains("missing " + b.hostPort() + "/m/demo/multi:1.0 (expected sha256:")
          .contains("missing " + b.hostPort() + "/m/demo/multi (expected sha256:")
          .contains("ok      " + b.hostPort() + "/m/demo/single:1.0@" + images.digest(TestImages.SINGLE))
          .contains("verified 2/4 images present");

      Files.write(list, List.of(a.hostPort() + "/" + TestImages.MULTI + "@" + multiDigest,
          a.hostPort() + "/" + TestImages.OTHER + "@" + images.digest(TestImages.OTHER)));
      CliRun absent = CliRun.of(concat(new String[] {"verify", "--images", list.toString(), "--registry",
          b.hostPort() + "/m"}, common));
      assertThat(absent.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(absent.out()).contains("missing " + b.hostPort() + "/m/" + TestImages.OTHER)
          .contains("verified 1/2 images present");
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
