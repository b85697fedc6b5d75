package dev.relocator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiServerErrorsTest {

  private static final String RULE = "the service account needs get on this Secret";

  @Test
  void forbiddenGivesTheApiServersSentenceItsCodeAndTheRuleToCheck() {
    KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("secrets \"tls\" is forbidden: User \"x\" cannot get resource \"secrets\"")
        .build());

    assertThat(ApiServerErrors.reason(e, RULE)).isEqualTo(
        "HTTP 403: secrets \"tls\" is forbidden: User \"x\" cannot get resource \"secrets\" (" + RULE + ")");
  }

  @Test
  void otherRefusalsGiveTheSentenceAndCodeWithoutTheRule() {
    KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(422)
        .withMessage("Secret \"tls\" is invalid").build());

    assertThat(ApiServerErrors.reason(e, RULE)).isEqualTo("HTTP 422: Secret \"tls\" is invalid");
  }

  @Test
  void failureWithoutAnAnswerGivesFabric8sMessage() {
    KubernetesClientException e = new KubernetesClientException("connection refused");

    assertThat(ApiServerErrors.reason(e, RULE)).isEqualTo("connection refused");
  }
}
