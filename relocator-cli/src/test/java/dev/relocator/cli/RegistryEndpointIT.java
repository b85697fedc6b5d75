package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --registry-endpoint}: names whose API is served elsewhere, mapped onto a loopback registry. */
class RegistryEndpointIT {
  @TempDir Path dir;

  @Test
  void imagesOfAMadeUpNameAndOfDockerHubAreMirroredFromTheirMappedEndpoint() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      CliRun.seed(images, a.hostPort());
      Path list = dir.resolve("images.txt");
      // Reference-parsing data: "demo/other:2.0" is a Docker Hub reference, like "docker.io/demo/multi:1.0".
      Files.write(list, List.of("hub.relocator.test/" + TestImages.SINGLE, "docker.io/" + TestImages.MULTI,
          TestImages.OTHER));

      CliRun mapped = CliRun.of("mirror", "--images", list.toString(), "--to", b.hostPort() + "/mirror",
          "--registry-endpoint", "hub.relocator.test=http://" + a.hostPort(),
          "--registry-endpoint", "docker.io=" + a.hostPort(),
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort(),
          "--lock", dir.resolve("lock.yaml").toString());
      assertThat(mapped.exitCode()).as(mapped.err()).isZero();
      assertThat(mapped.out()).startsWith("3 copied, 0 already present of 3 images; ");
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/mirror/" + name, "--tls-verify=false"))
            .isEqualTo(images.digest(name));
      }
      assertThat(Files.readString(dir.resolve("lock.yaml")))
          .contains("source: hub.relocator.test/" + TestImages.SINGLE)
          .contains("source: docker.io/" + TestImages.MULTI);

      // A mapping replaces Docker Hub's default endpoint, it is not tried beside it: with docker.io
      // mapped to a closed loopback port, its two images fail there, alone (and nothing leaves loopback).
      int closed = closedPort();
      CliRun unreachable = CliRun.of("mirror", "--images", list.toString(), "--to", b.hostPort() + "/again",
          "--registry-endpoint", "hub.relocator.test=http://" + a.hostPort(),
          "--registry-endpoint", "docker.io=http://127.0.0.1:" + closed, "--retries", "1",
          "--insecure-registry", a.hostPort(), "--insecure-registry", b.hostPort());
      assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(unreachable.out()).startsWith("1 copied, 0 already present, 2 failed of 3 images; ");
      assertThat(unreachable.err()).contains("failed: docker.io/" + TestImages.MULTI + " -> " + b.hostPort() + "/again/"
          + TestImages.MULTI + ": ").contains("(via http://127.0.0.1:" + closed + ")")
          .doesNotContain("registry-1.docker.io");

      CliRun invalid = CliRun.of("mirror", "--images", list.toString(), "--to", b.hostPort(),
          "--registry-endpoint", "docker.io=ftp://" + a.hostPort());
      assertThat(invalid.exitCode()).isNotZero();
      assertThat(invalid.err()).contains("invalid registry endpoint \"docker.io=ftp://" + a.hostPort() + "\"");
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
