package dev.relocator.tls.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.tls.TlsException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TlsSecretTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void forbiddenSecretReadSaysWhatWhereWhyAndTheRuleToCheck() {
    server.expect().get().withPath("/api/v1/namespaces/relocator-system/secrets/webhook-tls")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage("secrets \"webhook-tls\" is forbidden").build())
        .always();

    assertThatThrownBy(() -> new TlsSecret(client, "relocator-system", "webhook-tls").get())
        .isInstanceOf(TlsException.class)
        .hasMessage("cannot read Secret relocator-system/webhook-tls: HTTP 403: secrets \"webhook-tls\" is forbidden"
            + " (the service account needs get, watch and update on this Secret and create on Secrets)");
  }
}
