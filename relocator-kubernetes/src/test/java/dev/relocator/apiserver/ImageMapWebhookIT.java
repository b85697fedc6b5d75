package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.RelocatingWebhook.ORIGINAL;
import static dev.relocator.apiserver.RelocatingWebhook.RELOCATED;
import static dev.relocator.apiserver.RelocatingWebhook.SELECTOR;
import static dev.relocator.apiserver.RelocatingWebhook.UNMAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.server.RelocatorServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

  private static RelocatorServer webhook;

  @BeforeAll
  static void startWebhook() throws Exception {
    ImageMaps.installCrds(API.client());
    webhook = RelocatingWebhook.start(API, "relocator");
    RelocatingWebhook.relocate(API, "apps", webhook, "Fail");
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
    RelocatorServer doomed = RelocatingWebhook.start(API, namespace);
    RelocatingWebhook.relocate(API, namespace, doomed, failurePolicy);

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
    RelocatingWebhook.awaitRelocating(API, "tools", "registry.example/tools/tool:3", "mirror.example/tools/tool:3");
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
      RelocatingWebhook.relocate(API, "relabel", webhook, "Fail");

      labelTier("relabel", "platform");
      ImageMapIT.awaitUntil("the ImageMap in conflict once its namespace is labelled",
          () -> "Conflict".equals(awaitReady(API.client(), "relabel", "team", 1).getReason()));
      Condition conflict = awaitReady(API.client(), "relabel", "team", 1);
      assertThat(conflict.getStatus()).isEqualTo("False");
      assertThat(conflict.getMessage())
          .contains("ClusterImageMap platform", "registry.example/team/app", "no generation is in force");
      assertThat(clusterReason("platform")).isEqualTo("Accepted");
      // The webhook applies what is accepted: the platform's mapping only.
      RelocatingWebhook.awaitRelocating(API, "relabel", ORIGINAL, "platform.example/team/app:1.0");

      labelTier("relabel", null);
      ImageMapIT.awaitUntil("the ImageMap accepted again once the label is removed",
          () -> "Accepted".equals(awaitReady(API.client(), "relabel", "team", 1).getReason()));
      assertThat(clusterReason("platform")).isEqualTo("Accepted");
      RelocatingWebhook.awaitRelocating(API, "relabel", ORIGINAL, RELOCATED);
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
