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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator serve --kubeconfig FILE} in-process against the fabric8 mock API server: it
 * finds the cluster, defaults the Lease namespace to the kubeconfig context's, accepts an
 * ImageMap and returns 0 once stopped.
 */
@EnableKubernetesMockClient(crud = true)
class ServeClusterTest {

  private static final Duration WAIT = InProcessServe.WAIT;
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) \\((.*)\\)");

  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void servesTheClusterMapsAndReturnsZeroWhenStopped() throws Exception {
    InProcessServe.installMapCrds(client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
        .create();
    Path kubeconfig = InProcessServe.kubeconfig(dir, client, "team");

    try (InProcessServe serve = InProcessServe.start(
        "serve", "--kubeconfig", kubeconfig.toString(), "--bind", "127.0.0.1", "--port", "0",
        "--event-loops", "1", "--retry-delay", "5s")) {
      Matcher listening = serve.awaitListening(LISTENING);
      assertThat(listening.group(2)).isEqualTo("cluster " + client.getConfiguration().getMasterUrl()
          + ", status writes under Lease team/relocator-imagemap-controller");

      ImageMap map = new ImageMap();
      map.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName("mirror").build());
      ImageMapSpec spec = new ImageMapSpec();
      spec.setMap(List.of(new MapEntry("nginx", "reg.local/mirror/nginx")));
      map.setSpec(spec);
      client.resource(map).create();
      await("mirror accepted; stderr: " + serve.err()).atMost(WAIT).pollInterval(Duration.ofMillis(100))
          .until(this::accepted);
      assertThat(client.leases().inNamespace("team").withName("relocator-imagemap-controller").get()).isNotNull();
      assertThat(serve.stop()).isEqualTo(ExitCodes.OK);
      assertThat(serve.out()).contains("relocator serve: stopped on test");
      assertThat(serve.err()).isEmpty();
    }
  }

  private boolean accepted() {
    ImageMap m = client.resources(ImageMap.class).inNamespace("team").withName("mirror").get();
    return m != null && m.getStatus() != null && !m.getStatus().getConditions().isEmpty()
        && "True".equals(m.getStatus().getConditions().get(0).getStatus());
  }

}
