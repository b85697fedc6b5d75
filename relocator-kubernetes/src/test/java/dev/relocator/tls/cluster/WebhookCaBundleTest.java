package dev.relocator.tls.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.tls.TlsException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class WebhookCaBundleTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void forbiddenReadSaysWhatWhereWhyAndTheRuleToCheck() {
    server.expect().get().withPath("/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/relocator")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage("mutatingwebhookconfigurations.admissionregistration.k8s.io \"relocator\" is forbidden")
            .build())
        .always();

    assertThatThrownBy(() -> new WebhookCaBundle(client, "relocator").ensure("PEM"))
        .isInstanceOf(TlsException.class)
        .hasMessage("cannot read MutatingWebhookConfiguration relocator: HTTP 403:"
            + " mutatingwebhookconfigurations.admissionregistration.k8s.io \"relocator\" is forbidden"
            + " (the service account needs get and patch on this MutatingWebhookConfiguration)");
  }

  @Test
  void patchSetsOnlyTheWebhooksThatDifferEachGuardedByItsName() {
    List<MutatingWebhook> hooks = List.of(
        new MutatingWebhookBuilder().withName("current").withNewClientConfig().withCaBundle("V0FOVA==")
            .endClientConfig().build(),
        new MutatingWebhookBuilder().withName("none").withNewClientConfig().withUrl("https://127.0.0.1/mutate")
            .endClientConfig().build(),
        new MutatingWebhookBuilder().withName("stale").withNewClientConfig().withCaBundle("b2xk")
            .endClientConfig().build());

    assertThat(WebhookCaBundle.patch(hooks, "V0FOVA==").toString()).isEqualTo("["
        + "{\"op\":\"test\",\"path\":\"/webhooks/1/name\",\"value\":\"none\"},"
        + "{\"op\":\"add\",\"path\":\"/webhooks/1/clientConfig/caBundle\",\"value\":\"V0FOVA==\"},"
        + "{\"op\":\"test\",\"path\":\"/webhooks/2/name\",\"value\":\"stale\"},"
        + "{\"op\":\"replace\",\"path\":\"/webhooks/2/clientConfig/caBundle\",\"value\":\"V0FOVA==\"}]");
  }

  @Test
  void nothingToPatchWhenEveryWebhookTrustsTheBundle() {
    List<MutatingWebhook> hooks = List.of(new MutatingWebhookBuilder().withName("current").withNewClientConfig()
        .withCaBundle("V0FOVA==").endClientConfig().build());

    assertThat(WebhookCaBundle.patch(hooks, "V0FOVA==")).isEmpty();
  }
}
