package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ways {@code relocator serve} refuses to start, each one line and an exit code. */
class ServeCommandTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--tls-cert=cert.pem                       | --tls-cert needs --tls-key: give both, or neither",
      "--tls-key=key.pem                         | --tls-key needs --tls-cert: give both, or neither",
      "--maps=maps --kubeconfig=kubeconfig       | --maps and --kubeconfig exclude each other",
      "--port=70000                              | --port 70000: must be between 0 and 65535",
      "--event-loops=0                           | --event-loops 0: must be at least 1",
      "--retry-delay=soon                        | '--retry-delay': \"soon\": expected a duration like 60s",
      "--failure-mode=maybe                      | '--failure-mode': \"maybe\": expected fail or ignore",
      "--rejected-update=forget                  | '--rejected-update': \"forget\": expected keep or undeploy",
      "--webhook-configuration=relocator         | --webhook-configuration needs --tls-secret",
      "--tls-ip-address=127.0.0.1                | --tls-ip-address needs --tls-secret",
      "--tls-secret=ns/tls --tls-cert=c --tls-key=k | --tls-secret and --tls-cert exclude each other",
      "--tls-secret=ns/tls --maps=maps           | --tls-secret and --maps exclude each other",
      "--tls-secret=tls --webhook-configuration=w --service=a.b | --tls-secret tls: expected NAMESPACE/NAME",
      "--tls-secret=ns/tls --service=a.b         | --tls-secret needs --webhook-configuration",
      "--tls-secret=ns/tls --webhook-configuration=w | --tls-secret needs --service, --tls-dns-name or --tls-ip-address",
      "--tls-secret=ns/tls --webhook-configuration=w --service=webhook | --service \"webhook\": expected NAME.NAMESPACE",
      "--tls-secret=ns/tls --webhook-configuration=w --tls-ip-address=host | --tls-ip-address: IP address \"host\": not an IPv4",
      "--tls-secret=ns/tls --webhook-configuration=w --service=a.b --tls-validity=10s | --tls-validity 10s: must be at least 30s",
      "--insecure-registry=http://127.0.0.1:5000 | invalid --insecure-registry \"http://127.0.0.1:5000\": it takes HOST[:PORT]"})
  void commandLineMistakesAreUsageErrors(String args, String message) {
    CliRun run = CliRun.of(("serve " + args.strip()).split(" "));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: ").contains(message).contains("Try 'relocator serve --help'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void mapsGivenAFileFailsSayingItIsNotADirectory() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("demo.yaml"), "kind: ImageMap\n");
    CliRun run = CliRun.of("serve", "--maps", file.toString(), "--bind", "127.0.0.1", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: --maps " + file + ": not a directory (give the directory holding the"
        + " map files)" + System.lineSeparator());
  }

  @Test
  void missingMapsDirectoryFailsWithOneLine() {
    Path missing = dir.resolve("no-maps");
    CliRun run = CliRun.of("serve", "--maps", missing.toString(), "--bind", "127.0.0.1", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: --maps " + missing + ": no such directory" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unreadableCertificateFailsWithOneLineNamingTheFlag() throws IOException {
    Files.createDirectories(dir.resolve("maps"));
    Path key = Files.writeString(dir.resolve("tls.key"), "not used");
    Path cert = dir.resolve("tls.crt");
    CliRun run = CliRun.of("serve", "--maps", dir.resolve("maps").toString(), "--bind", "127.0.0.1",
        "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: --tls-cert " + cert + ": no such file" + System.lineSeparator());
  }

  @Test
  void portInUseFailsWithOneLineNamingTheFlags() throws IOException {
    Path maps = Files.createDirectories(dir.resolve("maps"));
    // A map the server would read and log about, were the port not checked first.
    Files.copy(Path.of("../examples/imagemaps").resolve("demo-imagemap.yaml"), maps.resolve("demo-imagemap.yaml"));
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliRun run;
      System.setErr(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        run = CliRun.of("serve", "--maps", maps.toString(), "--bind", "127.0.0.1",
            "--port", Integer.toString(port), "--event-loops", "1");
      } finally {
        System.setErr(stderr);
      }
      assertThat(logs.toString(java.nio.charset.StandardCharsets.UTF_8)).as("no log line before the error").isEmpty();
      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err())
          .startsWith("relocator: cannot listen on 127.0.0.1:" + port + ": ")
          .endsWith("(choose another --port or --bind)" + System.lineSeparator())
          .hasLineCount(1);
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void unreachableClusterFailsWithOneLineAndTheWayOut() throws IOException {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = probe.getLocalPort();
    }
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gone
          cluster: {server: "https://127.0.0.1:%d"}
        contexts:
        - name: gone
          context: {cluster: gone, user: someone}
        current-context: gone
        users:
        - name: someone
          user: {token: not-used}
        """.formatted(closed));
    CliRun run = CliRun.of("serve", "--kubeconfig", kubeconfig.toString(), "--bind", "127.0.0.1", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith("relocator: no Kubernetes cluster reachable at https://127.0.0.1:" + closed + "/: ")
        .contains("give --kubeconfig FILE, or --maps DIR")
        .hasLineCount(1);
  }

  @Test
  void missingKubeconfigFailsWithOneLine() {
    Path missing = dir.resolve("kubeconfig");
    CliRun run = CliRun.of("serve", "--kubeconfig", missing.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: --kubeconfig " + missing + ": no such file" + System.lineSeparator());
  }
}
