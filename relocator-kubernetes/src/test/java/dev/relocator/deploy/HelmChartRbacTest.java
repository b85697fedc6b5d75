package dev.relocator.deploy;

import static dev.relocator.deploy.RelocatorChart.kinds;
import static dev.relocator.deploy.RelocatorChart.objects;
import static dev.relocator.deploy.RelocatorChart.named;
import static dev.relocator.deploy.RelocatorChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart grants exactly what the server uses: informers (list, watch; get for reading one)
 * on maps and namespaces, status updates as a PUT, and reading, creating and renewing (PATCH) one
 * Lease, as the kustomize setup does. HelmChartRbacIT shows on a real API server that this is enough.
 */
class HelmChartRbacTest {

  @BeforeAll
  static void helmJava() {
    RelocatorChart.requireHelmJava();
  }

  private static List<String> rules(List<PolicyRule> rules) {
    return rules.stream()
        .map(r -> r.getApiGroups() + " " + r.getResources() + " " + r.getVerbs()
            + (r.getResourceNames().isEmpty() ? "" : " names=" + r.getResourceNames()))
        .toList();
  }

  @Test
  void clusterRoleReadsMapsAndNamespacesAndUpdatesOnlyMapStatus() {
    ClusterRole role = named(objects(Map.of()), ClusterRole.class, "relocator");
    assertThat(rules(role.getRules())).containsExactly(
        "[relocator.dev] [imagemaps, clusterimagemaps] [get, list, watch]",
        "[relocator.dev] [clusterimagepolicies, imagepolicies] [get, list, watch]",
        "[relocator.dev] [imagemaps/status, clusterimagemaps/status] [update]",
        "[] [namespaces] [get, list, watch]");
    assertThat(role.getAggregationRule()).isNull();
  }

  @Test
  void readingPullSecretsIsOptIn() {
    // get on Secrets reads every namespace's Secret data: only when the operator asks for the check.
    ClusterRole role = named(objects(Map.of("rbac.checkPullSecrets", "true")), ClusterRole.class, "relocator");
    assertThat(rules(role.getRules())).contains("[] [secrets] [get]");
  }

  @Test
  void namespacedRoleCreatesLeasesAndReadsAndRenewsOnlyTheServersLease() {
    Role role = named(objects(Map.of()), Role.class, "relocator-leader-election");
    assertThat(rules(role.getRules())).containsExactly(
        "[coordination.k8s.io] [leases] [create]",
        "[coordination.k8s.io] [leases] [get, patch] names=[relocator-imagemap-controller]");
  }

  @Test
  void leaseRulesAreTheKustomizeSetups() throws IOException {
    Role kustomize;
    try (InputStream in = Files.newInputStream(Path.of("..", "deploy", "webhook", "rbac.yaml"))) {
      List<?> objects = (List<?>) new KubernetesSerialization().unmarshal(in);
      kustomize = only(objects.stream().map(HasMetadata.class::cast).toList(), Role.class);
    }
    assertThat(rules(named(objects(Map.of()), Role.class, "relocator-leader-election").getRules()))
        .isEqualTo(rules(kustomize.getRules()));
  }

  @Test
  void leaseRuleFollowsTheLeaseNameTheServerIsGiven() {
    List<HasMetadata> objects = objects(Map.of("serve.leaseName", "mirror-writer"));
    assertThat(named(objects, Role.class, "relocator-leader-election").getRules().get(1).getResourceNames())
        .containsExactly("mirror-writer");
    assertThat(only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--lease-name=mirror-writer");
  }

  /**
   * Self-managed TLS: the one Secret (get, watch, update; create cannot be limited to a name) and
   * the one webhook configuration (get, patch). The other modes need neither.
   */
  @Test
  void selfManagedTlsGetsItsSecretAndWebhookConfigurationAndNothingElse() {
    List<HasMetadata> objects = objects(Map.of());
    assertThat(rules(named(objects, Role.class, "relocator-tls").getRules())).containsExactly(
        "[] [secrets] [create]",
        "[] [secrets] [get, watch, update] names=[relocator-webhook-tls]");
    assertThat(rules(named(objects, ClusterRole.class, "relocator-tls").getRules())).containsExactly(
        "[admissionregistration.k8s.io] [mutatingwebhookconfigurations] [get, patch] names=[relocator]");
    assertThat(named(objects, io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class,
        "relocator")).isNotNull();
    for (String mode : List.of("cert-manager", "secret")) {
      List<HasMetadata> other = objects(Map.of("tls.mode", mode, "tls.secretName", "given", "tls.caBundle", "MIIB"));
      assertThat(other).as(mode).noneMatch(o -> o.getMetadata().getName().equals("relocator-tls"));
    }
  }

  @Test
  void rbacAndServiceAccountCanBeLeftToTheCluster() {
    List<HasMetadata> objects = objects(Map.of(
        "rbac.create", false, "serviceAccount.create", false, "serviceAccount.name", "platform-relocator"));
    assertThat(kinds(objects)).doesNotContain("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    assertThat(only(objects, Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-relocator");
  }
}
