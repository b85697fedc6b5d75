package dev.relocator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.deploy.RelocatorChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every install variant (the Helm chart in each TLS mode, each kustomize overlay) applied object
 * by object to the real API server, which must accept all of them; then, from what the server
 * stored: the webhook's namespace selector and failure policy, Relocator's own namespace left out,
 * and least-privilege RBAC as {@code kubectl auth can-i} answers it for the service account.
 * Pods do not start here (no kubelet): the objects are checked, not the running webhook.
 */
class InstallAppliedIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String ACCOUNT = "relocator";
  private static final String SECRET = "relocator-webhook-tls";
  private static final String LEASE = "relocator-imagemap-controller";

  /**
   * One install: its objects, namespace, webhook configuration and roles' names, and whether it
   * manages its own TLS.
   */
  record Variant(String name, String namespace, String configuration, boolean selfManaged) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(new Variant("helm tls.mode=self-managed", "relocator-helm-self", "relocator", true)),
        Arguments.of(new Variant("helm tls.mode=cert-manager", "relocator-helm-cm", "relocator", false)),
        Arguments.of(new Variant("helm tls.mode=secret", "relocator-helm-secret", "relocator", false)),
        Arguments.of(new Variant("kustomize overlays/self-managed", "relocator-system", "relocator", true)),
        Arguments.of(new Variant("kustomize overlays/cert-manager", "relocator-system", "relocator", false)));
  }

  @BeforeAll
  static void crds() throws Exception {
    ImageMaps.installCrds(API.client());
    // cert-manager is not installed here: stand-in CRDs let the server store its kinds.
    for (String kind : List.of("Issuer", "Certificate")) {
      CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName(kind.toLowerCase() + "s.cert-manager.io").endMetadata()
          .withNewSpec().withGroup("cert-manager.io").withScope("Namespaced")
          .withNewNames().withKind(kind).withPlural(kind.toLowerCase() + "s").endNames()
          .addNewVersion().withName("v1").withServed(true).withStorage(true)
          .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
          .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
      API.client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
      API.client().apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(Widgets::established, 60, TimeUnit.SECONDS);
    }
    API.server().createNamespace("tenant");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void everyObjectIsAcceptedAndTheWebhookAndRbacAreAsDocumented(Variant variant) throws Exception {
    RelocatorChart.requireHelmJava();
    Kubectl kubectl = Kubectl.forServer(API.server(), "InstallAppliedIT");
    List<HasMetadata> objects = render(variant, kubectl);
    if (objects.stream().noneMatch(o -> o instanceof Namespace)) {
      // What `helm install --create-namespace` creates; Kubernetes 1.21+ adds this label itself, 1.20 does not.
      API.server().createNamespace(variant.namespace(), Map.of("kubernetes.io/metadata.name", variant.namespace()));
    }
    List<HasMetadata> applied = new ArrayList<>();
    try {
      for (HasMetadata o : objects) {
        applied.add(API.client().resource(forKubernetes120(o)).createOr(NonDeletingOperation::update));
      }
      assertThat(applied).hasSameSizeAs(objects).allSatisfy(o ->
          assertThat(o.getMetadata().getUid()).as("%s %s stored", o.getKind(), o.getMetadata().getName()).isNotBlank());

      MutatingWebhookConfiguration stored = API.client().admissionRegistration().v1()
          .mutatingWebhookConfigurations().withName(variant.configuration()).get();
      assertThat(stored.getWebhooks()).singleElement().satisfies(hook -> {
        assertThat(hook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(hook.getClientConfig().getService().getNamespace()).isEqualTo(variant.namespace());
        assertThat(hook.getNamespaceSelector().getMatchExpressions()).anySatisfy(e -> {
          assertThat(e.getKey()).isEqualTo("relocator.dev/relocation");
          assertThat(e.getOperator()).isEqualTo("NotIn");
          assertThat(e.getValues()).containsExactly("disabled");
        });
        assertThat(selects(hook, variant.namespace())).as("Relocator's own namespace is left out").isFalse();
        assertThat(selects(hook, "tenant")).as("other namespaces are relocated").isTrue();
        if (variant.selfManaged()) {
          assertThat(hook.getClientConfig().getCaBundle()).as("written by the leader at run time").isNull();
        }
      });
      assertRbac(kubectl, variant);
    } finally {
      // Cluster-wide names repeat across variants; namespaces stay (they would only be Terminating here).
      for (HasMetadata o : objects) {
        if (!(o instanceof Namespace) && !(o instanceof CustomResourceDefinition)) {
          API.client().resource(forKubernetes120(o)).delete();
        }
      }
    }
  }

  /**
   * The one object the v1.20 server cannot take as rendered: the chart's PodDisruptionBudget is
   * {@code policy/v1} (Kubernetes 1.21 and later, the chart asks for 1.23); it is stored as
   * {@code policy/v1beta1} with the same spec. Everything else is created exactly as rendered.
   */
  private static HasMetadata forKubernetes120(HasMetadata o) {
    if (!(o instanceof io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget)) {
      return o;
    }
    var serialization = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    String json = serialization.asJson(o).replace("\"policy/v1\"", "\"policy/v1beta1\"");
    return serialization.unmarshal(json, io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class);
  }

  private static List<HasMetadata> render(Variant variant, Kubectl kubectl) throws Exception {
    if (variant.name().startsWith("helm")) {
      String mode = variant.name().substring(variant.name().indexOf('=') + 1);
      return RelocatorChart.objects(Map.of("tls.mode", mode, "tls.secretName", "given-tls",
          "tls.caBundle", API.server().caPem()), variant.namespace());
    }
    Path overlay = Path.of("..", "deploy", "overlays", variant.name().substring(variant.name().indexOf('/') + 1));
    return RelocatorChart.parse(kubectl.run("kustomize", overlay.toString()));
  }

  /** The Relocator service account's rights, as the API server's authoriser answers kubectl. */
  private static void assertRbac(Kubectl kubectl, Variant v) throws Exception {
    String as = "--as=system:serviceaccount:" + v.namespace() + ":" + ACCOUNT;
    String ns = "--namespace=" + v.namespace();
    String tls = v.selfManaged() ? "yes" : "no";
    List<String[]> checks = List.of(
        new String[] {"yes", "list", "imagemaps.relocator.dev", "--all-namespaces"},
        new String[] {"yes", "watch", "clusterimagemaps.relocator.dev"},
        new String[] {"yes", "update", "imagemaps.relocator.dev", "--subresource=status", "--namespace=tenant"},
        new String[] {"yes", "watch", "namespaces"},
        new String[] {"yes", "create", "leases.coordination.k8s.io", ns},
        new String[] {"yes", "patch", "leases.coordination.k8s.io/" + LEASE, ns},
        new String[] {"no", "update", "leases.coordination.k8s.io/" + LEASE, ns},
        new String[] {"no", "get", "leases.coordination.k8s.io/other", ns},
        new String[] {"no", "create", "imagemaps.relocator.dev", "--namespace=tenant"},
        new String[] {"no", "create", "pods", "--namespace=tenant"},
        new String[] {"no", "list", "configmaps", ns},
        new String[] {tls, "create", "secrets", ns},
        new String[] {tls, "get", "secrets/" + SECRET, ns},
        new String[] {tls, "watch", "secrets/" + SECRET, ns},
        new String[] {tls, "update", "secrets/" + SECRET, ns},
        new String[] {"no", "delete", "secrets/" + SECRET, ns},
        new String[] {"no", "list", "secrets", ns},
        new String[] {"no", "get", "secrets/other", ns},
        new String[] {"no", "get", "secrets/" + SECRET, "--namespace=tenant"},
        new String[] {tls, "patch", "mutatingwebhookconfigurations.admissionregistration.k8s.io/" + v.configuration()},
        new String[] {"no", "patch", "mutatingwebhookconfigurations.admissionregistration.k8s.io/other"},
        new String[] {"no", "list", "mutatingwebhookconfigurations.admissionregistration.k8s.io"});
    List<String> wrong = new ArrayList<>();
    for (String[] check : checks) {
      List<String> args = new ArrayList<>(List.of(check).subList(1, check.length));
      args.add(as);
      String answer = kubectl.canI(args.toArray(new String[0]));
      if (!answer.equals(check[0])) {
        wrong.add(String.join(" ", args) + ": " + answer + ", expected " + check[0]);
      }
    }
    assertThat(wrong).as("kubectl auth can-i").isEmpty();
  }

  /** Whether {@code hook}'s namespace selector selects the namespace as the server stores it. */
  private static boolean selects(MutatingWebhook hook, String namespace) {
    Map<String, String> labels = API.client().namespaces().withName(namespace).get().getMetadata().getLabels();
    LabelSelector selector = hook.getNamespaceSelector();
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String value = have.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new AssertionError("operator " + r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
