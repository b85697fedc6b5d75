package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocate --check} on a registry target whose images the sources pin by digest: the lock
 * keeps each target pinned to the digest stored, so the check must look it up by the target
 * without its pin (it once reported such images "never relocated").
 */
class RelocateCheckIT {
  @TempDir Path dir;

  @Test
  void imagesPinnedByDigestAreFoundInTheLock() throws Exception {
    TestImages images = TestImages.small(dir.resolve("images"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("registry-a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("registry-b")).start()) {
      CliRun.seed(images, a.hostPort());
      String single = images.digest(TestImages.SINGLE);
      String multi = images.digest(TestImages.MULTI);
      Files.writeString(dir.resolve("images.txt"), """
          %1$s/demo/single@%2$s
          %1$s/demo/multi:1.0@%3$s
          """.formatted(a.hostPort(), single, multi));
      Path file = Files.writeString(dir.resolve("relocation.yaml"), """
          apiVersion: relocator.dev/v1alpha1
          kind: Relocation
          sources: {images: [images.txt]}
          target: %1$s/platform
          registries:
            insecure: [%1$s, %2$s]
          outputs:
            lock: out/lock.yaml
          """.formatted(b.hostPort(), a.hostPort()));

      CliRun relocate = CliRun.of("relocate", "-f", file.toString());
      assertThat(relocate.exitCode()).as(relocate.err()).isZero();
      assertThat(Files.readString(dir.resolve("out/lock.yaml")))
          .contains("target: " + b.hostPort() + "/platform/demo/single@" + single)
          .contains("target: " + b.hostPort() + "/platform/demo/multi:1.0@" + multi);

      CliRun check = CliRun.of("relocate", "-f", file.toString(), "--check");
      assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
      assertThat(check.out()).contains("ok      " + a.hostPort() + "/demo/single@" + single)
          .endsWith("checked 2 images against " + dir.resolve("out/lock.yaml")
              + ": all present at their locked digests\n");
    }
  }
}
