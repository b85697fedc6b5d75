package dev.relocator.tls.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookCaBundleTest {

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
