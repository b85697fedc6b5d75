package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Relocator's webhook server, fed by its ImageMap controller, registered by URL with its CA on
 * the real API server: pods created through the API server are stored with relocated images.
 */
class ImageMapWebhookIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String SELECTOR = "relocator-test";
  private static final String ORIGINAL = "registry.example/team/app:1.0";
  private static final String RELOCATED = "mirror.example/team/app:1.0";
  private static final String UNMAPPED = "other.example/sidecar:2";

  private static RelocatorServer webhook;

  @BeforeAll
  static void startWebhook() throws Exception {
    ImageMaps.installCrds(API.client());
    webhook = startRelocator("relocator");
    relocate("apps", webhook, "Fail");
  }

  @AfterAll
  static void stopWebhook() {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void podIsStoredWithRelocatedImagesInContainersAndInitContainers() {
    API.client().pods().inNamespace("apps").resource(pod("app")).create();

    Pod stored = API.client().pods().inNamespace("apps").withName("app").get();
    assertThat(stored.getSpec().getInitContainers().get(0).getImage()).isEqualTo(RELOCATED);
    assertThat(stored.getSpec().getContainers().get(0).getImage()).isEqualTo(RELOCATED);
    assertThat(stored.getSpec().getContainers().get(1).getImage()).isEqualTo(UNMAPPED);
  }

  @ParameterizedTest(name = "failurePolicy {0}")
  @CsvSource({"Fail, false", "Ignore, true"})
  void webhookDownAppliesTheFailurePolicy(String failurePolicy, boolean admitted) throws Exception {
    String namespace = "down-" + failurePolicy.toLowerCase();
    RelocatorServer doomed = startRelocator(namespace);
    relocate(namespace, doomed, failurePolicy);

    doomed.close();
    var pods = API.client().pods().inNamespace(namespace);

    if (admitted) {
      pods.resource(pod("admitted")).create();
      assertThat(pods.withName("admitted").get().getSpec().getContainers().get(0).getImage()).isEqualTo(ORIGINAL);
    } else {
      assertThatThrownBy(() -> pods.resource(pod("rejected")).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500))
          .hasMessageContaining("failed calling webhook");
      assertThat(pods.withName("rejected").get()).isNull();
    }
  }

  @Test
  void kubectlAppliesAnImageMapAndRunsAPodThatIsRelocated() throws Exception {
    Kubectl kubectl = Kubectl.forServer(API.server(), "ImageMapWebhookIT.kubectl");
    // Selected by the webhook configuration of namespace "apps".
    API.server().createNamespace("tools", Map.of(SELECTOR, "apps"));

    kubectl.run("apply", "--namespace=tools", "--filename=" + kubectl.resource("imagemap-tools.yaml"));
    kubectl.run("wait", "--namespace=tools", "--for=condition=Ready", "--timeout=60s", "imagemap/tools");
    // Replicas serve what the status says: the webhook's catalog follows Ready by one watch event.
    awaitRelocating("tools", "registry.example/tools/tool:3", "mirror.example/tools/tool:3");
    String run = kubectl.run("run", "tool", "--namespace=tools", "--image=registry.example/tools/tool:3", "--restart=Never");
    String image = kubectl.run("get", "pod", "tool", "--namespace=tools", "--output=jsonpath={.spec.containers[0].image}");

    assertThat(image).isEqualTo("mirror.example/tools/tool:3");
    // The webhook's admission warning reaches the user through the API server.
    assertThat(run).contains("Warning: relocated", "mirror.example/tools/tool:3");
    assertThat(kubectl.run("get", "imagemaps", "--namespace=tools")).contains("tools", "True", "Accepted");
  }

  @Test
  void namespaceRelabelledIntoAClusterMapsSelectorRejectsTheNewerImageMapUntilTheLabelIsRemoved() throws Exception {
    // The platform's map is older than the team's; a label on the team's namespace makes both apply there.
    ClusterImageMap platform = new ClusterImageMap();
    platform.setMetadata(new ObjectMetaBuilder().withName("platform").build());
    ClusterImageMapSpec spec = new ClusterImageMapSpec();
    spec.setMap(ImageMaps.spec("registry.example/team/app", "platform.example/team/app").getMap());
    spec.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("tier", "platform").build());
    platform.setSpec(spec);
    API.client().resource(platform).create();
    try {
      ImageMapIT.awaitUntil("ClusterImageMap platform accepted", () -> "Accepted".equals(clusterReason("platform")));
      relocate("relabel", webhook, "Fail");

      labelTier("relabel", "platform");
      ImageMapIT.awaitUntil("the ImageMap in conflict once its namespace is labelled",
          () -> "Conflict".equals(awaitReady(API.client(), "relabel", "team", 1).getReason()));
      Condition conflict = awaitReady(API.client(), "relabel", "team", 1);
      assertThat(conflict.getStatus()).isEqualTo("False");
      assertThat(conflict.getMessage())
          .contains("ClusterImageMap platform", "registry.example/team/app", "no generation is in force");
      assertThat(clusterReason("platform")).isEqualTo("Accepted");
      // The webhook applies what is accepted: the platform's mapping only.
      awaitRelocating("relabel", ORIGINAL, "platform.example/team/app:1.0");

      labelTier("relabel", null);
      ImageMapIT.awaitUntil("the ImageMap accepted again once the label is removed",
          () -> "Accepted".equals(awaitReady(API.client(), "relabel", "team", 1).getReason()));
      assertThat(clusterReason("platform")).isEqualTo("Accepted");
      awaitRelocating("relabel", ORIGINAL, RELOCATED);
    } finally {
      API.client().resources(ClusterImageMap.class).withName("platform").delete();
    }
  }

  private static String clusterReason(String name) {
    ClusterImageMap m = API.client().resources(ClusterImageMap.class).withName(name).get();
    if (m == null || m.getStatus() == null || m.getStatus().getConditions() == null) {
      return null;
    }
    return m.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getReason).findFirst().orElse(null);
  }

  private static void labelTier(String namespace, String tier) {
    API.client().namespaces().withName(namespace).edit(ns -> {
      if (tier == null) {
        ns.getMetadata().getLabels().remove("tier");
      } else {
        ns.getMetadata().getLabels().put("tier", tier);
      }
      return ns;
    });
  }

  /** Relocator's server in cluster mode on a free loopback port, serving a test-CA certificate. */
  private static RelocatorServer startRelocator(String name) throws IOException {
    Path tls = Files.createDirectories(API.server().workDirectory().resolve("webhook-" + name));
    API.server().pki().issueLoopbackServer("relocator-" + name).writePem(tls, "tls");
    ServerOptions options = ServerOptions.defaults()
        .withBind("127.0.0.1", 0)
        .withTls(tls.resolve("tls.crt"), tls.resolve("tls.key"), Duration.ofMinutes(10))
        .withPolicies(FailureMode.FAIL, RejectedUpdate.KEEP, Duration.ofSeconds(30))
        .withLeaderElection(false, "default", "relocator-" + name)
        .withEventLoops(1);
    return RelocatorServer.start(options, API.client());
  }

  /**
   * A namespace selected by a webhook configuration pointing at {@code server}, an accepted
   * ImageMap there, and a wait until pods are relocated (the API server loads new webhook
   * configurations asynchronously; dry-run creates call webhooks without side effects).
   */
  private static void relocate(String namespace, RelocatorServer server, String failurePolicy) throws Exception {
    API.server().createNamespace(namespace, Map.of(SELECTOR, namespace));
    API.client().resource(imageMap(namespace, "team", "registry.example/team/app", "mirror.example/team/app")).create();
    assertThat(awaitReady(API.client(), namespace, "team", 1).getReason()).isEqualTo("Accepted");
    API.client().admissionRegistration().v1().mutatingWebhookConfigurations().resource(
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata().withName("relocator-" + namespace).endMetadata()
            .addNewWebhook()
            .withName("pods.relocator.dev")
            .withAdmissionReviewVersions("v1")
            .withSideEffects("None")
            .withFailurePolicy(failurePolicy)
            .withTimeoutSeconds(5)
            .withNewClientConfig()
            .withUrl("https://127.0.0.1:" + server.port() + "/mutate")
            .withCaBundle(Base64.getEncoder().encodeToString(API.server().caPem().getBytes(StandardCharsets.US_ASCII)))
            .endClientConfig()
            .addNewRule()
            .withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods").withScope("Namespaced")
            .endRule()
            .withNewNamespaceSelector().addToMatchLabels(SELECTOR, namespace).endNamespaceSelector()
            .endWebhook()
            .build())
        .create();
    awaitRelocating(namespace, ORIGINAL, RELOCATED);
  }

  private static void awaitRelocating(String namespace, String original, String relocated) throws Exception {
    Pod probe = new PodBuilder().withNewMetadata().withName("probe").endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage(original).endContainer().endSpec().build();
    ImageMapIT.awaitUntil("webhook relocating " + original + " in " + namespace, () -> relocated.equals(
        API.client().pods().inNamespace(namespace).resource(probe).dryRun().create()
            .getSpec().getContainers().get(0).getImage()));
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
        .addNewInitContainer().withName("init").withImage(ORIGINAL).endInitContainer()
        .addNewContainer().withName("main").withImage(ORIGINAL).endContainer()
        .addNewContainer().withName("sidecar").withImage(UNMAPPED).endContainer()
        .endSpec()
        .build();
  }
}
