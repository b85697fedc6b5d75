package dev.relocator.server;

import static dev.relocator.admission.Reviews.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.admission.Reviews;
import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapCrds;
import dev.relocator.policy.api.ClusterImagePolicy;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode on the (CRUD) mock API server: policies come from the informers, and a pull secret
 * missing from the namespace draws a warning from the server's Secret lookup.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterPolicyIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;

  @Test
  void policiesFromTheClusterAndMissingPullSecretsAreReported() throws Exception {
    ImageMapCrds.install(client, "demo");
    client.secrets().inNamespace("demo").resource(new SecretBuilder()
        .withNewMetadata().withName("present").withNamespace("demo").endMetadata().build()).create();
    ImageMap map = Maps.imageMap("demo", "mirror", "nginx", "reg.local/mirror/nginx");
    map.getSpec().setImagePullSecrets(List.of(new LocalObjectReference("present"), new LocalObjectReference("absent")));
    client.resource(map).create();
    ClusterImagePolicy policy = new ClusterImagePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("mirror-only").build());
    policy.getSpec().setAllowed(List.of("reg.local/mirror"));
    policy.getSpec().setMode("warn");
    client.resource(policy).create();

    ServerOptions options = ServerOptions.defaults().withBind("127.0.0.1", 0).withEventLoops(1)
        .withLeaderElection(false, "demo", "unused");
    try (RelocatorServer server = RelocatorServer.start(options, client)) {
      Https https = new Https(server.certificatePem(), server.port());
      JsonNode response = await("mapping and policy served").atMost(WAIT).ignoreExceptions().until(() -> {
        JsonNode r = JSON.readTree(https.post("/mutate", Reviews.bytes(Reviews.generatedPodCreate())).body())
            .get("response");
        // The missing pull secret is looked up in the background, off the event loop: the reviews
        // before its answer carry no warning about it.
        String w = r.path("warnings").toString();
        return r.has("patch") && w.contains("ClusterImagePolicy mirror-only") && w.contains("\\\"absent\\\"") ? r : null;
      }, Objects::nonNull);
      String warnings = response.path("warnings").toString();
      assertThat(warnings).contains("pull secret \\\"absent\\\" added for reg.local/mirror/nginx:1.25 does not exist"
          + " in namespace demo");
      assertThat(warnings).doesNotContain("\\\"present\\\" added");
      assertThat(warnings).contains("image busybox is not under a prefix ClusterImagePolicy mirror-only allows");
      assertThat(new String(java.util.Base64.getDecoder().decode(response.path("patch").asText())))
          .contains("{\"op\":\"add\",\"path\":\"/spec/imagePullSecrets\",\"value\":[{\"name\":\"present\"},{\"name\":\"absent\"}]}");

      policy.getSpec().setMode("deny");
      client.resource(policy).update();
      JsonNode refused = await("deny mode in force").atMost(WAIT).ignoreExceptions().until(() ->
          JSON.readTree(https.post("/mutate", Reviews.bytes(Reviews.generatedPodCreate())).body()).get("response"),
          r -> !r.path("allowed").asBoolean());
      assertThat(refused.path("status").path("message").asText())
          .startsWith("relocator: ClusterImagePolicy mirror-only denies 2 images: initContainer \"init\" image busybox");
    }
  }
}
