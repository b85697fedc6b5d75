package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image loader's job done by Relocator against real registries: the list {@code kubeone
 * config images list} prints, copied where the KubeOne cluster file's overwrite puts it.
 */
class KubeOneMirrorIT {
  @TempDir Path dir;

  @Test
  void theKubeOneImageListIsCopiedToTheOverwriteRegistryReachedOverPlainHttpAsTheFileSays() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer upstream = RegistryServer.builder(dir.resolve("upstream")).start();
        RegistryServer target = RegistryServer.builder(dir.resolve("target")).start()) {
      CliRun.seed(images, upstream.hostPort());
      // As kubeone config images list prints it: one reference per line, sorted, nothing else.
      Path list = Files.write(dir.resolve("images.txt"),
          images.names().stream().map(n -> upstream.hostPort() + "/" + n).sorted().toList());
      Path cluster = Files.writeString(dir.resolve("kubeone.yaml"), """
          apiVersion: kubeone.k8c.io/v1beta2
          kind: KubeOneCluster
          name: demo
          versions:
            kubernetes: 1.32.1
          cloudProvider:
            none: {}
          registryConfiguration:
            overwriteRegistry: '%s/kubeone'
            insecureRegistry: true
          """.formatted(target.hostPort()));

      // Only the upstream is named insecure on the command line: the target is so by the cluster file.
      CliRun copy = CliRun.of("mirror", "--images", list.toString(), "--rules", cluster.toString(),
          "--insecure-registry", upstream.hostPort());
      assertThat(copy.exitCode()).as(copy.err()).isZero();
      assertThat(copy.out()).startsWith("3 copied, 0 already present of 3 images; ");
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + target.hostPort() + "/kubeone/" + name, "--tls-verify=false"))
            .as(name).isEqualTo(images.digest(name));
      }

      CliRun verify = CliRun.of("verify", "--images", list.toString(), "--rules", cluster.toString());
      assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
      assertThat(verify.out()).endsWith("verified 3/3 images present\n");

      // Without insecureRegistry the target is spoken to over TLS, which a plain HTTP registry cannot answer.
      Files.writeString(cluster, Files.readString(cluster).replace("insecureRegistry: true", "insecureRegistry: false"));
      CliRun secure = CliRun.of("verify", "--images", list.toString(), "--rules", cluster.toString(), "--retries", "1");
      assertThat(secure.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(secure.out()).contains("error   " + target.hostPort() + "/kubeone/" + TestImages.SINGLE + ": ");
    }
  }
}
