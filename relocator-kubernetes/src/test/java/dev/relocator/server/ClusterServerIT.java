package dev.relocator.server;

import static dev.relocator.admission.Reviews.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.admission.Reviews;
import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapCrds;
import dev.relocator.imagemap.controller.ImageMapController;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two webhook replicas on one (mock) cluster: both serve the mapping, one writes statuses. */
@EnableKubernetesMockClient(crud = true)
class ClusterServerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;

  @Test
  void everyReplicaServesTheMappingAndOneHoldsTheLease() throws Exception {
    ImageMapCrds.install(client, "demo");
    ServerOptions options = ServerOptions.defaults()
        .withBind("127.0.0.1", 0)
        .withEventLoops(1)
        .withLeaderElection(true, "demo", "relocator-test");
    try (RelocatorServer a = RelocatorServer.start(options, client);
        RelocatorServer b = RelocatorServer.start(options, client)) {
      ImageMap map = Maps.imageMap("demo", "mirror", "nginx", "reg.local/mirror/nginx");
      client.resource(map).create();

      await("mirror accepted").atMost(WAIT).ignoreExceptions().until(() -> {
        ImageMap m = client.resources(ImageMap.class).inNamespace("demo").withName("mirror").get();
        return m.getStatus() != null && !m.getStatus().getConditions().isEmpty()
            && "True".equals(m.getStatus().getConditions().get(0).getStatus());
      });
      for (RelocatorServer replica : List.of(a, b)) {
        Https https = new Https(replica.certificatePem(), replica.port());
        JsonNode response = await("replica serves the mapping").atMost(WAIT).ignoreExceptions().until(() -> {
          try {
            JsonNode r = JSON.readTree(https.post("/mutate", Reviews.bytes(Reviews.podCreate())).body()).get("response");
            return r.has("patch") ? r : null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, Objects::nonNull);
        String patch = new String(Base64.getDecoder().decode(response.get("patch").asText()));
        assertThat(patch).contains("reg.local/mirror/nginx:1.25");
      }
      boolean aWrites = ((ImageMapController) a.maps()).isWriter();
      boolean bWrites = ((ImageMapController) b.maps()).isWriter();
      assertThat(aWrites ^ bWrites).as("exactly one replica writes statuses").isTrue();
      Lease lease = client.leases().inNamespace("demo").withName("relocator-test").get();
      assertThat(lease.getSpec().getHolderIdentity()).startsWith("relocator-");
    }
  }
}
