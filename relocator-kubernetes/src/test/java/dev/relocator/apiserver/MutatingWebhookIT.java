package dev.relocator.apiserver;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real API server calls a mutating webhook registered by URL with its CA bundle, stores the
 * patched pod, and applies the webhook's failure policy when it is down.
 */
class MutatingWebhookIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String ORIGINAL = "registry.example/team/app:1.0";
  private static final String RELOCATED = "mirror.example/team/app:1.0";
  private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void storedPodCarriesTheImagesPatchedByTheWebhook() throws Exception {
    String namespace = labelledNamespace("patched");
    try (ImagePatchingWebhook webhook = ImagePatchingWebhook.start(API.server().pki(), Map.of(ORIGINAL, RELOCATED))) {
      register(namespace, webhook.url(), "Fail");
      awaitWebhookActive(namespace);

      API.client().pods().inNamespace(namespace).resource(podWithInitContainer("app")).create();

      Pod stored = API.client().pods().inNamespace(namespace).withName("app").get();
      assertThat(stored.getSpec().getContainers().get(0).getImage()).isEqualTo(RELOCATED);
      assertThat(stored.getSpec().getInitContainers().get(0).getImage()).isEqualTo(RELOCATED);
      assertThat(stored.getSpec().getContainers().get(1).getImage()).isEqualTo("other.example/sidecar:2");
      assertThat(webhook.reviewedPods()).contains(namespace + "/app");
    }
  }

  @ParameterizedTest(name = "failurePolicy {0}")
  @CsvSource({"Fail, false", "Ignore, true"})
  void webhookDownAppliesTheFailurePolicy(String failurePolicy, boolean admitted) throws Exception {
    String namespace = labelledNamespace("down-" + failurePolicy.toLowerCase());
    ImagePatchingWebhook webhook = ImagePatchingWebhook.start(API.server().pki(), Map.of(ORIGINAL, RELOCATED));
    register(namespace, webhook.url(), failurePolicy);
    awaitWebhookActive(namespace);

    webhook.close();
    var pods = API.client().pods().inNamespace(namespace);

    if (admitted) {
      pods.resource(podWithInitContainer("unpatched")).create();
      assertThat(pods.withName("unpatched").get().getSpec().getContainers().get(0).getImage()).isEqualTo(ORIGINAL);
    } else {
      assertThatThrownBy(() -> pods.resource(podWithInitContainer("rejected")).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500))
          .hasMessageContaining("failed calling webhook");
      assertThat(pods.withName("rejected").get()).isNull();
    }
  }

  /** A namespace with its default ServiceAccount and the label the webhook selects. */
  private static String labelledNamespace(String name) {
    API.server().createNamespace(name, Map.of("webhook-test", name));
    return name;
  }

  private static void register(String namespace, String url, String failurePolicy) {
    MutatingWebhookConfiguration configuration =
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName("images-" + namespace)
            .endMetadata()
            .addNewWebhook()
            .withName("images.test.relocator.dev")
            .withAdmissionReviewVersions("v1")
            .withSideEffects("None")
            .withFailurePolicy(failurePolicy)
            .withTimeoutSeconds(5)
            .withNewClientConfig()
            .withUrl(url)
            .withCaBundle(Base64.getEncoder().encodeToString(API.server().caPem().getBytes(StandardCharsets.US_ASCII)))
            .endClientConfig()
            .addNewRule()
            .withApiGroups("")
            .withApiVersions("v1")
            .withOperations("CREATE")
            .withResources("pods")
            .withScope("Namespaced")
            .endRule()
            .withNewNamespaceSelector()
            .addToMatchLabels("webhook-test", namespace)
            .endNamespaceSelector()
            .endWebhook()
            .build();
    API.client().admissionRegistration().v1().mutatingWebhookConfigurations().resource(configuration).create();
  }

  /**
   * The API server picks up new webhook configurations asynchronously; dry-run creates (which
   * call webhooks without side effects) show when this one is in force.
   */
  private static void awaitWebhookActive(String namespace) {
    var pods = API.client().pods().inNamespace(namespace);
    await("webhook for namespace " + namespace + " called").atMost(REGISTRATION_TIMEOUT).until(() -> {
      Pod probe = pods.resource(podWithInitContainer("probe")).dryRun().create();
      return RELOCATED.equals(probe.getSpec().getContainers().get(0).getImage());
    });
  }

  private static Pod podWithInitContainer(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewInitContainer()
        .withName("init")
        .withImage(ORIGINAL)
        .endInitContainer()
        .addNewContainer()
        .withName("main")
        .withImage(ORIGINAL)
        .endContainer()
        .addNewContainer()
        .withName("sidecar")
        .withImage("other.example/sidecar:2")
        .endContainer()
        .endSpec()
        .build();
  }
}
