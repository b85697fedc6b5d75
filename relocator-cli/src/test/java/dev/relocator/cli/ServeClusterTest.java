package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.MapEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code relocator serve --kubeconfig FILE} in-process against the fabric8 mock API server: it
 * finds the cluster, defaults the Lease namespace to the kubeconfig context's, accepts an
 * ImageMap and returns 0 once stopped.
 */
@EnableKubernetesMockClient(crud = true)
class ServeClusterTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) \\((.*)\\)");

  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void servesTheClusterMapsAndReturnsZeroWhenStopped() throws Exception {
    for (String crd : new String[] {"imagemaps.relocator.dev-v1.yml", "clusterimagemaps.relocator.dev-v1.yml"}) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
        .create();
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        contexts:
        - name: mock
          context: {cluster: mock, user: someone, namespace: team}
        current-context: mock
        users:
        - name: someone
          user: {token: mock}
        """.formatted(client.getConfiguration().getMasterUrl()));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    StopSignal stop = new StopSignal();
    ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stopSignals = () -> stop;
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
        "serve", "--kubeconfig", kubeconfig.toString(), "--bind", "127.0.0.1", "--port", "0",
        "--event-loops", "1", "--retry-delay", "5s"));
    try {
      Matcher listening = awaitListening(out, exit);
      assertThat(listening.group(2)).isEqualTo("cluster " + client.getConfiguration().getMasterUrl()
          + ", status writes under Lease team/relocator-imagemap-controller");

      ImageMap map = new ImageMap();
      map.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("mirror").build());
      ImageMapSpec spec = new ImageMapSpec();
      spec.setMap(List.of(new MapEntry("nginx", "reg.local/mirror/nginx")));
      map.setSpec(spec);
      client.resource(map).create();
      await("mirror accepted; stderr: " + err).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(this::accepted);
      assertThat(client.leases().inNamespace("team").withName("relocator-imagemap-controller").get()).isNotNull();
    } finally {
      stop.request("test");
    }
    assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("relocator serve: stopped on test");
    assertThat(err.toString()).isEmpty();
  }

  private boolean accepted() {
    ImageMap m = client.resources(ImageMap.class).inNamespace("team").withName("mirror").get();
    return m != null && m.getStatus() != null && !m.getStatus().getConditions().isEmpty()
        && "True".equals(m.getStatus().getConditions().get(0).getStatus());
  }

  private static Matcher awaitListening(StringWriter out, CompletableFuture<Integer> exit) {
    return await("serve listening").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .failFast("serve ended before listening", () -> assertThat(exit).as("serve running; it printed: %s", out).isNotDone())
        .until(() -> LISTENING.matcher(out.toString()), Matcher::find);
  }
}
