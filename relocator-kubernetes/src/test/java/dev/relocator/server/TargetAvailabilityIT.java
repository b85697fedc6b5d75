package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapCrds;
import dev.relocator.imagemap.controller.AvailabilityMonitor;
import dev.relocator.imagemap.controller.RegistryTargetProbe;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapped targets checked against a loopback docker-registry: the TargetsAvailable condition and
 * the missing-targets metric follow a tag deleted from the registry, and the map stays in force.
 */
@EnableKubernetesMockClient(crud = true)
class TargetAvailabilityIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;
  @TempDir Path dir;

  @Test
  void aDeletedTargetShowsUpInTheConditionAndTheMetricAndTheMapStaysInForce() throws Exception {
    TestImages images = TestImages.small(dir.resolve("layout"));
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      String r = registry.hostPort();
      for (String name : List.of(TestImages.SINGLE, TestImages.OTHER)) {
        Skopeo.copy("oci:" + images.layout.dir() + ":" + name, "docker://" + r + "/" + name, "--dest-tls-verify=false");
      }
      ImageMapCrds.install(client, "demo");
      ImageMap map = Maps.imageMap("demo", "mirror", "nginx:1.25", r + "/" + TestImages.SINGLE,
          "redis:7", r + "/" + TestImages.OTHER, "busybox", r + "/demo/busybox");
      client.resource(map).create();

      ServerOptions options = ServerOptions.defaults().withBind("127.0.0.1", 0).withEventLoops(1)
          .withLeaderElection(false, "demo", "unused");
      try (RelocatorServer server = RelocatorServer.start(options, client,
          new AvailabilityMonitor.Settings(Duration.ofMillis(500), 10), new RegistryTargetProbe(List.of(r), Map.of()))) {
        Https https = new Https(server.certificatePem(), server.port());
        Condition found = await("targets found").atMost(WAIT).ignoreExceptions()
            .until(() -> condition(), c -> c != null && "True".equals(c.getStatus()));
        assertThat(found.getMessage()).isEqualTo("all 2 targets found");

        registry.deleteTag(TestImages.OTHER);
        Condition missing = await("deleted target reported").atMost(WAIT).ignoreExceptions()
            .until(() -> condition(), c -> c != null && "False".equals(c.getStatus()));
        assertThat(missing.getReason()).isEqualTo("TargetsMissing");
        assertThat(missing.getMessage()).isEqualTo("1 of 2 targets missing: " + r + "/" + TestImages.OTHER
            + "; the map stays in force");
        assertThat(https.get("/metrics").body()).contains("relocator_imagemap_targets_missing 1.0");
        ImageMap stored = client.resources(ImageMap.class).inNamespace("demo").withName("mirror").get();
        assertThat(stored.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
            && c.getStatus().equals("True"));
        assertThat(new String(https.post("/mutate", dev.relocator.admission.Reviews.bytes(
            dev.relocator.admission.Reviews.podCreate())).body())).contains("patch");
      }
    }
  }

  private Condition condition() {
    ImageMap m = client.resources(ImageMap.class).inNamespace("demo").withName("mirror").get();
    return m.getStatus().getConditions().stream().filter(c -> c.getType().equals("TargetsAvailable"))
        .findFirst().orElse(null);
  }
}
