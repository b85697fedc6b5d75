package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A KubeOne cluster file given as {@code --rules}, read unchanged by the commands that take rules. */
class KubeOneCommandsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path cluster(String body) throws IOException {
    return write("kubeone.yaml", "apiVersion: kubeone.k8c.io/v1beta2\nkind: KubeOneCluster\nname: demo\n" + body);
  }

  /** A loopback port nothing listens on: whatever names it is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void imageRewriteMovesImagesAsKubeOneDoesCorednsIncluded() throws IOException {
    Path file = cluster("versions:\n  kubernetes: 1.32.1\nregistryConfiguration:\n  overwriteRegistry: 127.0.0.1:5000\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", file.toString(), "registry.k8s.io/coredns/coredns:v1.11.3",
        "registry.k8s.io/kube-apiserver:v1.32.1", "docker.io/flannel/flannel:v0.21.3");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("127.0.0.1:5000/coredns:v1.11.3\n127.0.0.1:5000/kube-apiserver:v1.32.1\n"
        + "127.0.0.1:5000/flannel/flannel:v0.21.3\n");
  }

  @Test
  void anUnknownKeyIsAWarningOnStderrAndTheCommandStillRuns() throws IOException {
    Path file = cluster("registryConfiguration:\n  overwriteRegistry: 127.0.0.1:5000\nmachineControler:\n  deploy: true\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", file.toString(), "alpine:3");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("127.0.0.1:5000/library/alpine:3\n");
    assertThat(run.err()).isEqualTo(file + ":6: machineControler: warning: unknown key \"machineControler\" in"
        + " kubeone.k8c.io/v1beta2 (did you mean \"machineController\"?): ignored\n");
  }

  @Test
  void anInvalidClusterFileIsReportedWithLineAndKeyPath() throws IOException {
    Path file = cluster("registryConfiguration:\n  overwriteRegistry: 127.0.0.1:5000/\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", file.toString(), "alpine:3");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo(file + ":5: registryConfiguration.overwriteRegistry: \"127.0.0.1:5000/\""
        + " must not end with '/'\n");
  }

  @Test
  void containerdMirrorsBecomeHostsTomlFiles() throws IOException {
    Path file = cluster("containerRuntime:\n  containerd:\n    registries:\n      docker.io:\n"
        + "        mirrors: [\"https://127.0.0.1:5443\"]\n");
    Path out = dir.resolve("certs.d");
    CliRun run = CliRun.of("mirrors", "containerd", "--rules", file.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out.resolve("docker.io/hosts.toml"))).contains("[host.\"https://127.0.0.1:5443\"]");
  }

  @Test
  void insecureRegistryWritesPlainHttpIntoTheNodeConfiguration() throws IOException {
    Path file = cluster("registryConfiguration:\n  overwriteRegistry: 127.0.0.1:5000\n  insecureRegistry: true\n");
    Path out = dir.resolve("certs.d");
    CliRun run = CliRun.of("mirrors", "containerd", "--rules", file.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out.resolve("_default/hosts.toml"))).contains("[host.\"http://127.0.0.1:5000\"]");
  }

  @Test
  void versionsKubernetesSelectsTheVectorsImagesUnlessTheCommandNamesAVersion() throws IOException {
    Path vector = write("images.yaml", """
        images:
        - name: kube-apiserver
          repository: registry.k8s.io/kube-apiserver
        - name: autoscaler
          repository: registry.k8s.io/autoscaling/cluster-autoscaler
          tag: v1.30.2
          targetVersion: "1.30.x"
        - name: autoscaler
          repository: registry.k8s.io/autoscaling/cluster-autoscaler
          tag: v1.31.1
          targetVersion: ">= 1.31"
        """);
    String registry = "127.0.0.1:" + closedPort();
    Path file = cluster("versions:\n  kubernetes: 1.30.4\nregistryConfiguration:\n  overwriteRegistry: " + registry + "\n");

    CliRun fromFile = CliRun.of("verify", "--vector", vector.toString(), "--rules", file.toString(), "--retries", "1");
    assertThat(fromFile.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(fromFile.out()).contains("error   " + registry + "/kube-apiserver:v1.30.4: ",
        "error   " + registry + "/autoscaling/cluster-autoscaler:v1.30.2: ").doesNotContain("v1.31.1");

    CliRun named = CliRun.of("verify", "--vector", vector.toString(), "--rules", file.toString(), "--retries", "1",
        "--target-version", "1.31.0");
    assertThat(named.out()).contains("error   " + registry + "/autoscaling/cluster-autoscaler:v1.31.1: ")
        .doesNotContain("v1.30.2").doesNotContain("v1.30.4");
  }
}
