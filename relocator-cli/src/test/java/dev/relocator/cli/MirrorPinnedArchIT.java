package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.mirror.LockFile;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image pinned by its index digest, copied with {@code --arch}: the target is stored under the
 * rewritten index's digest, and every line names the target with that one digest (the source
 * keeps the digest it was asked by), never {@code target@INDEX@REWRITTEN}.
 */
class MirrorPinnedArchIT {
  /** A target, then a second digest right after the first. */
  private static final Pattern TWO_DIGESTS = Pattern.compile("@sha256:[0-9a-f]{64}@sha256:");

  @TempDir Path dir;

  @Test
  void aDigestPinnedIndexCopiedWithArchIsShownWithTheDigestStoredAtTheTarget() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());
      String index = images.digest(TestImages.MULTI);
      String source = a.hostPort() + "/demo/multi@" + index;
      String target = b.hostPort() + "/m/demo/multi";
      Path list = dir.resolve("images.txt");
      Files.write(list, List.of(source));
      Path lock = dir.resolve("lock.yaml");
      String[] mirror = {"mirror", "--images", list.toString(), "--to", b.hostPort() + "/m", "--arch", "amd64",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(), "--lock", lock.toString()};

      CliRun dryRun = CliRun.of(concat(mirror, "--dry-run"));
      assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
      assertThat(dryRun.out()).startsWith(source + " -> " + target + "  " + index + "  ");
      assertThat(dryRun.out()).doesNotContainPattern(TWO_DIGESTS).contains("index rewritten with 1 of 2 platforms");

      CliRun copy = CliRun.of(mirror);
      assertThat(copy.exitCode()).as(copy.err()).isZero();
      String stored = LockFile.read(lock).images().get(0).target();
      assertThat(stored).startsWith(target + "@sha256:").isNotEqualTo(target + "@" + index);
      assertThat(copy.err()).contains("copying " + source + " -> " + target + "\n")
          .contains("copied " + stored + " (")
          .contains("note: " + target + ": index rewritten with 1 of 2 platforms [linux/amd64]: digest " + index
              + " -> " + stored.substring(target.length() + 1))
          .doesNotContainPattern(TWO_DIGESTS);

      CliRun again = CliRun.of(mirror);
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.err()).contains("up to date " + stored + "\n").doesNotContainPattern(TWO_DIGESTS);

      CliRun verify = CliRun.of("verify", "--images", list.toString(), "--registry", b.hostPort() + "/m", "--arch", "amd64",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort());
      assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
      assertThat(verify.out()).contains("ok      " + stored + "\n").doesNotContainPattern(TWO_DIGESTS);
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
