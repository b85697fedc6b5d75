package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code relocator serve} run in-process against the fabric8 mock API server, its output captured
 * and its stop requested by the test: the set-up the serve tests on the mock server share.
 */
final class InProcessServe implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final StopSignal stop = new StopSignal();
  private final CompletableFuture<Integer> exit;

  private InProcessServe(String... args) {
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stopSignals = () -> stop;
    exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args));
  }

  /** Runs {@code relocator ARGS} (from {@code serve} on) until {@link #stop()}. */
  static InProcessServe start(String... args) {
    return new InProcessServe(args);
  }

  /** Creates the ImageMap and ClusterImageMap CRDs the build generated. */
  static void installMapCrds(KubernetesClient client) {
    for (String crd : new String[] {"imagemaps.relocator.dev-v1.yml", "clusterimagemaps.relocator.dev-v1.yml"}) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(InProcessServe.class.getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
  }

  /** A kubeconfig in {@code dir} for the mock server {@code client} talks to, its context in {@code namespace}. */
  static Path kubeconfig(Path dir, KubernetesClient client, String namespace) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        contexts:
        - name: mock
          context: {cluster: mock, user: someone, namespace: %s}
        current-context: mock
        users:
        - name: someone
          user: {token: mock}
        """.formatted(client.getConfiguration().getMasterUrl(), namespace));
  }

  /** The first match of {@code listening} in the output, once serve prints it; fails if serve ends first. */
  Matcher awaitListening(Pattern listening) {
    return await("serve listening").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .failFast("serve ended before listening", () -> assertThat(exit).as("serve running; it printed: %s", out).isNotDone())
        .until(() -> listening.matcher(out.toString()), Matcher::find);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Requests the stop and returns the exit code. */
  int stop() throws Exception {
    stop.request("test");
    return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Requests the stop, for a test that failed before {@link #stop()}; a second request is harmless. */
  @Override
  public void close() {
    stop.request("test");
  }
}
