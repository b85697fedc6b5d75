package dev.relocator.imagemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.server.ServerOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/ parses as Kubernetes objects, its kustomization lists every file, and the webhook fits the server. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @SuppressWarnings("unchecked")
  private static List<String> kustomizationResources(String dir) throws IOException {
    Map<String, Object> k = SERIALIZATION.unmarshal(Files.readString(DEPLOY.resolve(dir).resolve("kustomization.yaml")),
        Map.class);
    return (List<String>) k.get("resources");
  }

  private static List<HasMetadata> objects(String file) throws IOException {
    try (InputStream in = Files.newInputStream(DEPLOY.resolve(file))) {
      Object o = SERIALIZATION.unmarshal(in);
      List<HasMetadata> out = new ArrayList<>();
      if (o instanceof List<?> list) {
        list.forEach(x -> out.add((HasMetadata) x));
      } else {
        out.add((HasMetadata) o);
      }
      return out;
    }
  }

  /** Each kustomization directory lists every manifest beside it (a forgotten file is never installed). */
  @ParameterizedTest
  @ValueSource(strings = {"crds", "webhook", "overlays/self-managed", "overlays/cert-manager"})
  void kustomizationListsEveryManifest(String dir) throws IOException {
    List<String> listed = kustomizationResources(dir);
    try (var files = Files.list(DEPLOY.resolve(dir))) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
          .filter(f -> !f.equals("kustomization.yaml"))
          .forEach(f -> assertThat(listed).as(dir).contains(f));
    }
    for (String file : listed.stream().filter(f -> f.endsWith(".yaml") || f.endsWith(".yml")).toList()) {
      assertThat(objects(dir + "/" + file)).as(file).isNotEmpty();
    }
  }

  @Test
  void webhookSendsPodCreatesAndEphemeralContainerUpdatesToMutate() throws IOException {
    MutatingWebhookConfiguration config = (MutatingWebhookConfiguration) objects("webhook/mutatingwebhook.yaml").get(0);
    MutatingWebhook hook = config.getWebhooks().get(0);
    assertThat(hook.getClientConfig().getService().getPath()).isEqualTo("/mutate");
    assertThat(hook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(hook.getReinvocationPolicy()).isEqualTo("IfNeeded");
    assertThat(hook.getRules()).extracting(r -> r.getOperations().get(0) + " " + r.getResources().get(0))
        .containsExactly("CREATE pods", "UPDATE pods/ephemeralcontainers");
    assertThat(hook.getNamespaceSelector().getMatchExpressions().get(0).getKey())
        .isEqualTo(MappingCatalog.OPT_OUT_LABEL);
  }

  /**
   * Least privilege, and enough: each resource with exactly the verbs the controller's requests
   * use (DeployedRbacIT runs the controller with these rules on a real API server).
   */
  @Test
  void rbacGrantsExactlyTheVerbsTheControllerUses() throws IOException {
    List<String> grants = new ArrayList<>();
    for (HasMetadata o : objects("webhook/rbac.yaml")) {
      List<PolicyRule> rules = o instanceof Role r ? r.getRules()
          : o instanceof ClusterRole c ? c.getRules() : List.of();
      for (PolicyRule rule : rules) {
        for (String resource : rule.getResources()) {
          grants.add(rule.getApiGroups().get(0) + "/" + resource + ": " + String.join(",", rule.getVerbs())
              + (rule.getResourceNames().isEmpty() ? "" : " " + rule.getResourceNames()));
        }
      }
    }
    assertThat(grants).containsExactlyInAnyOrder(
        // fabric8's LeaseLock: GET, POST when absent, then only merge PATCHes (never PUT).
        "coordination.k8s.io/leases: create",
        "coordination.k8s.io/leases: get,patch [relocator-imagemap-controller]",
        "relocator.dev/imagemaps: get,list,watch",
        "relocator.dev/clusterimagemaps: get,list,watch",
        "relocator.dev/clusterimagepolicies: get,list,watch",
        "relocator.dev/imagepolicies: get,list,watch",
        "relocator.dev/imagemaps/status: update",
        "relocator.dev/clusterimagemaps/status: update",
        // Not "/secrets: get": the pull-secret check is opt-in (it reads every namespace's Secrets).
        "/namespaces: get,list,watch");
    // The Deployment passes no --lease-name, so the Role must name the server's default Lease.
    assertThat(grants).contains("coordination.k8s.io/leases: get,patch [" + ServerOptions.defaults().leaseName() + "]");
  }
}
