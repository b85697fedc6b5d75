package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.Mapping;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.DirectoryMapSource;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imagemap generate --lock} on the lock a real {@code mirror --lock} wrote, served by {@code serve --maps}. */
class ImagemapGenerateIT {
  @TempDir Path dir;

  @Test
  void theMapOfAMirrorsLockSendsPodsToTheCopiesAtTheCopiedDigests() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());
      Path list = Files.write(dir.resolve("images.txt"), images.names().stream().map(n -> a.hostPort() + "/" + n).toList());
      Path lock = dir.resolve("lock.yaml");
      CliRun mirror = CliRun.of("mirror", "--images", list.toString(), "--to", b.hostPort() + "/mirror",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--lock", lock.toString());
      assertThat(mirror.exitCode()).as(mirror.err()).isZero();

      Path maps = Files.createDirectories(dir.resolve("maps"));
      CliRun generate = CliRun.of("imagemap", "generate", "--lock", lock.toString(), "--namespace", "platform",
          "-o", maps.resolve("platform.yaml").toString());
      assertThat(generate.exitCode()).as(generate.err()).isZero();

      DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
      try {
        source.start();
        MapState map = source.maps().get(0);
        assertThat(map.status().ready().reason()).as(map.status().ready().message()).isEqualTo("Accepted");
        assertThat(map.status().inForce().entries()).containsExactlyInAnyOrderElementsOf(images.names().stream()
            .map(name -> new Mapping(ImageReference.parse(a.hostPort() + "/" + name),
                ImageReference.parse(b.hostPort() + "/mirror/" + name + "@" + images.digest(name))))
            .toList());
        // A pod naming the source tag runs the copy, pinned.
        String single = a.hostPort() + "/" + TestImages.SINGLE;
        assertThat(source.catalog().forNamespace("platform").relocate(ImageReference.parse(single)))
            .hasValue(ImageReference.parse(b.hostPort() + "/mirror/" + TestImages.SINGLE + "@" + images.digest(TestImages.SINGLE)));
      } finally {
        source.close();
      }
    }
  }
}
