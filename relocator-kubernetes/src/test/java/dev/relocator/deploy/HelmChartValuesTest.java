package dev.relocator.deploy;

import static dev.relocator.deploy.RelocatorChart.REPOSITORY;
import static dev.relocator.deploy.RelocatorChart.kinds;
import static dev.relocator.deploy.RelocatorChart.objects;
import static dev.relocator.deploy.RelocatorChart.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values change what they name, and only that; wrong values fail rendering with a clear message. */
class HelmChartValuesTest {

  private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";

  @BeforeAll
  static void helmJava() {
    RelocatorChart.requireHelmJava();
  }

  private static Deployment deployment(List<HasMetadata> objects) {
    return only(objects, Deployment.class);
  }

  private static Container container(List<HasMetadata> objects) {
    return deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static MutatingWebhook webhook(List<HasMetadata> objects) {
    return only(objects, MutatingWebhookConfiguration.class).getWebhooks().get(0);
  }

  @ParameterizedTest
  @CsvSource({
      "serve.failureMode,     ignore,   --failure-mode=ignore",
      "serve.rejectedUpdate,  undeploy, --rejected-update=undeploy",
      "serve.retryDelay,      1m30s,    --retry-delay=1m30s",
      "serve.retryDelay,      PT2M,     --retry-delay=PT2M",
      "serve.tlsReload,       500ms,    --tls-reload=500ms",
      "serve.port,            9443,     --port=9443",
      "serve.eventLoops,      4,        --event-loops=4",
  })
  void serveFlagFollowsItsValue(String key, String value, String flag) {
    String option = flag.substring(0, flag.indexOf('='));
    // --tls-reload is a flag of the modes that mount certificate files.
    assertThat(container(objects(Map.of(key, value, "tls.mode", "cert-manager"))).getArgs())
        .filteredOn(a -> a.startsWith(option + "="))
        .containsExactly(flag);
  }

  @Test
  void portValueMovesTheContainerPortWhileTheServiceKeepsNamingIt() {
    List<HasMetadata> objects = objects(Map.of("serve.port", 9443));
    assertThat(container(objects).getPorts().get(0).getContainerPort()).isEqualTo(9443);
    assertThat(webhook(objects).getClientConfig().getService().getPort()).isEqualTo(443);
  }

  @Test
  void replicasValueSetsTheDeploymentsReplicas() {
    assertThat(deployment(objects(Map.of("replicas", 3))).getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void singleReplicaMayRunWithoutLeaderElectionAndGetsNoDisruptionBudget() {
    List<HasMetadata> objects = objects(Map.of("replicas", 1, "serve.leaderElection", false));
    assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(1);
    assertThat(container(objects).getArgs()).contains("--no-leader-election").doesNotContain("--leader-election");
    assertThat(kinds(objects)).doesNotContain("PodDisruptionBudget");
  }

  @Test
  void severalReplicasWithoutLeaderElectionFailToRender() {
    assertThatThrownBy(() -> objects(Map.of("serve.leaderElection", false)))
        .hasMessageContaining("serve.leaderElection is false with 2 replicas: every replica would write map statuses");
  }

  @Test
  void webhookFailurePolicyAndTimeoutFollowTheirValues() {
    MutatingWebhook hook = webhook(objects(Map.of("webhook.failurePolicy", "Ignore", "webhook.timeoutSeconds", 12)));
    assertThat(hook.getFailurePolicy()).isEqualTo("Ignore");
    assertThat(hook.getTimeoutSeconds()).isEqualTo(12);
    assertThat(hook.getReinvocationPolicy()).isEqualTo("IfNeeded");
  }

  @Test
  void extraNamespaceExpressionsAreAddedAfterTheOptOutAndTheReleaseNamespace() {
    MutatingWebhook hook = webhook(objects(Map.of(
        "webhook.namespaceSelectorExpressions[0].key", "tenant",
        "webhook.namespaceSelectorExpressions[0].operator", "Exists")));
    assertThat(hook.getNamespaceSelector().getMatchExpressions())
        .extracting(e -> e.getKey() + " " + e.getOperator())
        .containsExactly("relocator.dev/relocation NotIn", "kubernetes.io/metadata.name NotIn", "tenant Exists");
  }

  @Test
  void secretModeMountsTheGivenSecretAndEncodesTheCaBundle() {
    List<HasMetadata> objects = objects(Map.of(
        "tls.mode", "secret", "tls.secretName", "webhook-serving", "tls.caBundle", CA_PEM));
    assertThat(kinds(objects)).doesNotContain("Issuer", "Certificate");
    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tls")).singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("webhook-serving"));
    MutatingWebhookConfiguration config = only(objects, MutatingWebhookConfiguration.class);
    assertThat(config.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(new String(Base64.getDecoder().decode(config.getWebhooks().get(0).getClientConfig().getCaBundle()),
        StandardCharsets.US_ASCII)).isEqualTo(CA_PEM);
  }

  @Test
  void anAlreadyEncodedCaBundleIsUsedAsGiven() {
    String encoded = Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII));
    List<HasMetadata> objects = objects(Map.of(
        "tls.mode", "secret", "tls.secretName", "webhook-serving", "tls.caBundle", encoded));
    assertThat(webhook(objects).getClientConfig().getCaBundle()).isEqualTo(encoded);
  }

  @ParameterizedTest
  @CsvSource({
      "'',              MIIB, tls.secretName is required when tls.mode is secret",
      "webhook-serving, '',   tls.caBundle is required when tls.mode is secret",
  })
  void secretModeWithoutSecretOrCaFailsToRender(String secret, String ca, String message) {
    assertThatThrownBy(() -> objects(Map.of(
        "tls.mode", "secret", "tls.secretName", secret, "tls.caBundle", ca)))
        .hasMessageContaining(message);
  }

  @Test
  void anExistingIssuerReplacesTheSelfSignedOne() {
    List<HasMetadata> objects = objects(Map.of("tls.mode", "cert-manager",
        "tls.certManager.issuerRef.name", "platform-ca", "tls.certManager.issuerRef.kind", "ClusterIssuer"));
    assertThat(kinds(objects)).contains("Certificate").doesNotContain("Issuer");
    Map<String, Object> ref = only(objects, "Certificate").get("spec", "issuerRef");
    assertThat(ref).isEqualTo(Map.of("name", "platform-ca", "kind", "ClusterIssuer"));
  }

  @Test
  void missingImageRepositoryFailsWithAMessageNamingTheValue() {
    assertThatThrownBy(() -> RelocatorChart.helm().template().withName("relocator").call())
        .hasMessageContaining("image.repository is required: set it to where you pushed the relocator image");
  }

  @Test
  void imageTagAndDigestFollowTheirValues() {
    assertThat(container(objects(Map.of("image.tag", "0.2.0"))).getImage()).isEqualTo(REPOSITORY + ":0.2.0");
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(container(objects(Map.of("image.digest", digest))).getImage()).isEqualTo(REPOSITORY + "@" + digest);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "serve.failureMode     | sometimes | serve.failureMode must be one of the following: \"fail\", \"ignore\"",
      "serve.rejectedUpdate  | drop      | serve.rejectedUpdate must be one of the following",
      "serve.retryDelay      | soon      | serve.retryDelay: Does not match pattern",
      "webhook.failurePolicy | Retry     | webhook.failurePolicy must be one of the following: \"Fail\", \"Ignore\"",
      "webhook.timeoutSeconds| 31        | webhook.timeoutSeconds: Must be less than or equal to 30",
      "replicas              | 0         | replicas: Must be greater than or equal to 1",
      "image.digest          | latest    | image.digest: Does not match pattern",
      "replica               | 2         | Additional property replica is not allowed",
  })
  void schemaRejectsAWrongValueNamingIt(String key, String value, String message) {
    assertThatThrownBy(() -> objects(Map.of(key, value)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(message);
  }
}
