package dev.relocator.deploy;

import static dev.relocator.deploy.RelocatorChart.NAMESPACE;
import static dev.relocator.deploy.RelocatorChart.REPOSITORY;
import static dev.relocator.deploy.RelocatorChart.kinds;
import static dev.relocator.deploy.RelocatorChart.named;
import static dev.relocator.deploy.RelocatorChart.objects;
import static dev.relocator.deploy.RelocatorChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.imagemap.MappingCatalog;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart's default rendering: every object, and how they refer to each other. */
class HelmChartTest {

  private static List<HasMetadata> defaults;

  @BeforeAll
  static void renderDefaults() {
    RelocatorChart.requireHelmJava();
    defaults = objects(Map.of());
  }

  @Test
  void defaultRenderHoldsEveryObjectOfTheKustomizeSetupOnce() {
    // Self-managed TLS by default: no cert-manager objects, one more Role and ClusterRole (and bindings).
    assertThat(kinds(defaults)).containsExactlyInAnyOrder(
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "Service", "Deployment", "PodDisruptionBudget", "MutatingWebhookConfiguration");
    assertThat(defaults).filteredOn(o -> !o.getKind().startsWith("Cluster") && !o.getKind().startsWith("Mutating"))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(NAMESPACE));
  }

  @Test
  void deploymentRunsTwoReplicasOfServeWithTheDefaultFlags() {
    Deployment deployment = only(defaults, Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).as("the chart's version, the tag scripts/build-image.sh gives the image")
        .isEqualTo(REPOSITORY + ":0.1.0-SNAPSHOT");
    assertThat(c.getArgs()).containsExactly(
        "serve", "--port=8443",
        "--tls-secret=" + NAMESPACE + "/relocator-webhook-tls", "--webhook-configuration=relocator",
        "--service=relocator-webhook." + NAMESPACE, "--tls-validity=2160h",
        "--failure-mode=fail", "--rejected-update=keep", "--retry-delay=1m",
        "--lease-namespace=$(POD_NAMESPACE)", "--lease-name=relocator-imagemap-controller", "--leader-election");
    assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("https");
      assertThat(p.getContainerPort()).isEqualTo(8443);
    });
  }

  @Test
  void probesAskHealthzAndReadyzOverHttps() {
    Container c = only(defaults, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
        .extracting(p -> p.getHttpGet().getScheme() + " " + p.getHttpGet().getPort().getStrVal() + p.getHttpGet().getPath())
        .containsExactly("HTTPS https/healthz", "HTTPS https/healthz", "HTTPS https/readyz");
  }

  @Test
  void podRunsAsNonRootOnAReadOnlyRootWithNoCapabilities() {
    var pod = only(defaults, Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : " rw"))
        .containsExactly("/tmp rw");
  }

  @Test
  void webhookSendsPodCreatesAndEphemeralContainerUpdatesToTheService() {
    MutatingWebhookConfiguration config = only(defaults, MutatingWebhookConfiguration.class);
    MutatingWebhook hook = config.getWebhooks().get(0);
    assertThat(config.getWebhooks()).hasSize(1);
    assertThat(hook.getName()).isEqualTo("pods.relocator.dev");
    assertThat(hook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(hook.getSideEffects()).isEqualTo("None");
    assertThat(hook.getReinvocationPolicy()).isEqualTo("IfNeeded");
    assertThat(hook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(hook.getTimeoutSeconds()).isEqualTo(5);
    assertThat(hook.getRules())
        .extracting(r -> r.getApiGroups() + " " + r.getApiVersions() + " " + r.getOperations() + " " + r.getResources()
            + " " + r.getScope())
        .containsExactly("[] [v1] [CREATE] [pods] null", "[] [v1] [UPDATE] [pods/ephemeralcontainers] null");
    assertThat(hook.getRules()).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly(""));

    Service service = only(defaults, Service.class);
    var target = hook.getClientConfig().getService();
    assertThat(target.getName()).isEqualTo(service.getMetadata().getName());
    assertThat(target.getNamespace()).isEqualTo(NAMESPACE);
    assertThat(target.getPath()).isEqualTo("/mutate");
    assertThat(target.getPort()).isEqualTo(service.getSpec().getPorts().get(0).getPort());
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("https");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(only(defaults, Deployment.class).getSpec().getSelector().getMatchLabels());
    assertThat(hook.getClientConfig().getCaBundle()).as("written by the replica holding the Lease").isNull();
  }

  @Test
  void webhookLeavesOptedOutNamespacesAndItsOwnNamespaceAlone() {
    MutatingWebhook hook = only(defaults, MutatingWebhookConfiguration.class).getWebhooks().get(0);
    assertThat(hook.getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(hook.getNamespaceSelector().getMatchExpressions())
        .extracting(LabelSelectorRequirement::getKey, LabelSelectorRequirement::getOperator,
            LabelSelectorRequirement::getValues)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MappingCatalog.OPT_OUT_LABEL, "NotIn", List.of(MappingCatalog.OPT_OUT_VALUE)),
            org.assertj.core.groups.Tuple.tuple("kubernetes.io/metadata.name", "NotIn", List.of(NAMESPACE)));
    assertThat(hook.getObjectSelector()).isNull();
  }

  @Test
  void certManagerIssuesTheCertificateTheServerMountsAndInjectsItsCa() {
    List<HasMetadata> certManager = objects(Map.of("tls.mode", "cert-manager"));
    GenericKubernetesResource certificate = only(certManager, "Certificate");
    GenericKubernetesResource issuer = only(certManager, "Issuer");
    Map<String, Object> spec = certificate.get("spec");
    String service = only(certManager, Service.class).getMetadata().getName();
    assertThat(spec.get("dnsNames")).isEqualTo(List.of(
        service + "." + NAMESPACE + ".svc", service + "." + NAMESPACE + ".svc.cluster.local"));
    assertThat(spec.get("issuerRef")).isEqualTo(Map.of("kind", "Issuer", "name", issuer.getMetadata().getName()));
    assertThat(issuer.<Object>get("spec", "selfSigned")).isEqualTo(Map.of());
    var pod = only(certManager, Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tls")).singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo(spec.get("secretName")));
    assertThat(pod.getContainers().get(0).getArgs()).contains(
        "--tls-cert=/etc/relocator/tls/tls.crt", "--tls-key=/etc/relocator/tls/tls.key", "--tls-reload=10s")
        .noneMatch(a -> a.startsWith("--tls-secret"));
    assertThat(only(certManager, MutatingWebhookConfiguration.class).getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", NAMESPACE + "/" + certificate.getMetadata().getName());
    assertThat(kinds(certManager)).containsOnlyOnce("Role", "ClusterRole");
  }

  @Test
  void bindingsGrantTheRolesToTheDeploymentsServiceAccount() {
    String account = only(defaults, ServiceAccount.class).getMetadata().getName();
    assertThat(only(defaults, Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account);
    List<ClusterRoleBinding> cluster = defaults.stream().filter(ClusterRoleBinding.class::isInstance)
        .map(ClusterRoleBinding.class::cast).toList();
    List<RoleBinding> namespaced = defaults.stream().filter(RoleBinding.class::isInstance)
        .map(RoleBinding.class::cast).toList();
    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects = new java.util.ArrayList<>();
    cluster.forEach(b -> subjects.addAll(b.getSubjects()));
    namespaced.forEach(b -> subjects.addAll(b.getSubjects()));
    assertThat(subjects).hasSize(4).allSatisfy(s -> assertThat(s.getKind() + " " + s.getNamespace() + "/" + s.getName())
        .isEqualTo("ServiceAccount " + NAMESPACE + "/" + account));
    // Each binding names the role of its own name.
    assertThat(cluster).allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo(
        named(defaults, io.fabric8.kubernetes.api.model.rbac.ClusterRole.class, b.getMetadata().getName())
            .getMetadata().getName()));
    assertThat(namespaced).allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo(
        named(defaults, io.fabric8.kubernetes.api.model.rbac.Role.class, b.getMetadata().getName())
            .getMetadata().getName()));
  }
}
