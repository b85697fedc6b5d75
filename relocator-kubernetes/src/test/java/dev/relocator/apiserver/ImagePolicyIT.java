package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static dev.relocator.apiserver.RelocatingWebhook.ORIGINAL;
import static dev.relocator.apiserver.RelocatingWebhook.RELOCATED;
import static dev.relocator.apiserver.RelocatingWebhook.SELECTOR;
import static dev.relocator.apiserver.RelocatingWebhook.UNMAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.audit.Audit;
import dev.relocator.audit.AuditRow;
import dev.relocator.imagemap.controller.ClusterWorkloads;
import dev.relocator.imagemap.controller.MapsAndPolicies;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.server.RelocatorServer;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1beta1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Image policies on the real API server: the CRDs' schema, pods refused in deny mode with the
 * message the API server relays, and the audit of a namespace with mixed workloads.
 */
class ImagePolicyIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static RelocatorServer webhook;

  @BeforeAll
  static void start() throws Exception {
    ImageMaps.installCrds(API.client());
    webhook = RelocatingWebhook.start(API, "relocator");
  }

  @AfterAll
  static void stop() {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void thePolicyCrdsRefuseAnUnknownModeAndAMissingAllowedList() {
    ClusterImagePolicy badMode = policy("bad-mode", "block", List.of("mirror.example"));
    assertThatThrownBy(() -> API.client().resource(badMode).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.mode").hasMessageContaining("warn|deny");
    ClusterImagePolicy noAllowed = policy("no-allowed", "warn", null);
    assertThatThrownBy(() -> API.client().resource(noAllowed).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.allowed");
    ClusterImagePolicy valid = policy("valid", "warn", List.of("mirror.example"));
    valid.getSpec().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("nobody", "here").build());
    API.client().resource(valid).create();
    assertThat(API.client().resources(ClusterImagePolicy.class).withName("valid").get().getSpec().getMode())
        .isEqualTo("warn");
  }

  @Test
  void denyModeRefusesThePodWithTheWebhooksMessageThroughTheApiServer() throws Exception {
    RelocatingWebhook.relocate(API, "guarded", webhook, "Fail");
    ClusterImagePolicy deny = policy("guarded-deny", "deny", List.of("mirror.example"));
    deny.getSpec().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels(SELECTOR, "guarded").build());
    API.client().resource(deny).create();
    var pods = API.client().pods().inNamespace("guarded");
    ImageMapIT.awaitUntil("deny policy in force", () -> {
      try {
        pods.resource(pod("probe", UNMAPPED)).dryRun().create();
        return false;
      } catch (KubernetesClientException e) {
        return e.getCode() == 403;
      }
    });

    assertThatThrownBy(() -> pods.resource(pod("refused", UNMAPPED)).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("admission webhook \"pods.relocator.dev\" denied the request: relocator:"
            + " ClusterImagePolicy guarded-deny denies 1 image: container \"sidecar\" image other.example/sidecar:2:"
            + " an ImageMap entry {from: other.example/sidecar, to: mirror.example/sidecar} would relocate it");
    assertThat(pods.withName("refused").get()).isNull();
    // every image relocated into the allowed registry: admitted, and stored relocated
    pods.resource(pod("admitted", null)).create();
    assertThat(pods.withName("admitted").get().getSpec().getContainers().get(0).getImage()).isEqualTo(RELOCATED);
  }

  @Test
  void auditListsTheContainersOfMixedWorkloadsThatNoMapRelocates() throws Exception {
    API.server().createNamespace("mixed", Map.of());
    API.client().resource(imageMap("mixed", "team", "registry.example/team/app", "mirror.example/team/app")).create();
    assertThat(awaitReady(API.client(), "mixed", "team", 1).getReason()).isEqualTo("Accepted");
    var client = API.client();
    client.apps().deployments().inNamespace("mixed").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withSpec(spec(UNMAPPED)).endTemplate().endSpec().build()).create();
    client.apps().statefulSets().inNamespace("mixed").resource(new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .withNewSpec().withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withSpec(spec(null)).endTemplate().endSpec().build()).create();
    // Kubernetes 1.20 serves CronJobs as batch/v1beta1 only; the audit reads either.
    client.batch().v1beta1().cronjobs().inNamespace("mixed").resource(new CronJobBuilder()
        .withNewMetadata().withName("report").endMetadata()
        .withNewSpec().withSchedule("0 * * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
        .withSpec(new PodSpecBuilder(spec("quay.io/acme/report:2")).withRestartPolicy("Never").build())
        .endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
    client.pods().inNamespace("mixed").resource(pod("bare", null)).create();

    MapsAndPolicies rules = MapsAndPolicies.fromCluster(client);
    List<AuditRow> rows = Audit.rows(ClusterWorkloads.list(client).stream()
        .filter(w -> w.namespace().equals("mixed")).toList(), rules.catalog(), rules.policies(), "mirror.example");
    assertThat(rows).extracting(r -> r.kind() + "/" + r.name() + "/" + r.container() + " " + r.image() + " -> "
            + r.relocatedOrNoMap())
        .containsExactlyInAnyOrder(
            "Deployment/web/sidecar other.example/sidecar:2 -> no map",
            "CronJob/report/sidecar quay.io/acme/report:2 -> no map");
    assertThat(Audit.suggestions(rows, "mirror.example")).extracting(e -> e.getFrom() + " -> " + e.getTo())
        .containsExactly("other.example/sidecar -> mirror.example/sidecar", "quay.io/acme/report -> mirror.example/acme/report");
  }

  private static ClusterImagePolicy policy(String name, String mode, List<String> allowed) {
    ClusterImagePolicy p = new ClusterImagePolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.getSpec().setMode(mode);
    p.getSpec().setAllowed(allowed);
    return p;
  }

  /** Pod spec: the mapped app in main, and a sidecar when {@code sidecar} is given. */
  private static PodSpec spec(String sidecar) {
    PodSpecBuilder spec = new PodSpecBuilder().addNewContainer().withName("main").withImage(ORIGINAL).endContainer();
    if (sidecar != null) {
      spec.addNewContainer().withName("sidecar").withImage(sidecar).endContainer();
    }
    return spec.build();
  }

  private static Pod pod(String name, String sidecar) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withSpec(spec(sidecar)).build();
  }

}
