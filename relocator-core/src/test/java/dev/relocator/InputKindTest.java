package dev.relocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.InputKind.Type;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.ManifestRewriter;
import dev.relocator.rewrite.RewriteException;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.vector.ComponentOverwrites;
import dev.relocator.vector.VectorReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file of the wrong kind is named as what it is by every reader, never accepted as empty. */
class InputKindTest {

  static final String RULES = "# rules\nrules:\n- prefix: docker.io\n  to: r.example:5000/hub\n";
  static final String VECTOR = "images:\n- name: pause\n  repository: registry.k8s.io/pause\n  tag: \"3.10\"\n";
  static final String LOCK =
      "images:\n- source: docker.io/library/nginx:1.27\n  sourceDigest: sha256:"
          + "a".repeat(64) + "\n  target: r.example/nginx:1.27\n";
  static final String COMPONENTS = "components:\n- name: etcd-druid\n  imageVectorOverwrite: |\n    images: []\n";
  static final String REVIEW = "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {}}";
  static final String LAYOUT = "{\"imageLayoutVersion\": \"1.0.0\"}";
  static final String DEPLOYMENT =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: []}}}\n";
  static final String KUBEONE = "apiVersion: kubeone.k8c.io/v1beta2\nkind: KubeOneCluster\nversions: {kubernetes: 1.31.4}\n";
  static final String INDEX = "{\"schemaVersion\": 2, \"manifests\": []}";

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(RULES, Type.RULES, "a rules file (\"rules:\")"),
        Arguments.of(VECTOR, Type.IMAGE_VECTOR, "an image vector (\"images:\")"),
        Arguments.of(LOCK, Type.LOCK_FILE, "a mirror's lock file (\"images:\" with \"sourceDigest\")"),
        Arguments.of(COMPONENTS, Type.COMPONENT_OVERWRITES,
            "a component overwrites file, as IMAGEVECTOR_OVERWRITE_COMPONENTS names (\"components:\")"),
        Arguments.of(REVIEW, Type.ADMISSION_REVIEW, "an AdmissionReview (\"kind: AdmissionReview\")"),
        Arguments.of(LAYOUT, Type.OCI_LAYOUT, "an OCI layout's oci-layout file (\"imageLayoutVersion\")"),
        Arguments.of(DEPLOYMENT, Type.KUBERNETES_OBJECT, "Kubernetes YAML (\"kind: Deployment\")"),
        Arguments.of(KUBEONE, Type.KUBEONE_CLUSTER, "a KubeOne cluster file (\"kind: KubeOneCluster\")"),
        Arguments.of(INDEX, Type.OCI_INDEX, "an OCI image index (\"manifests\")"));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void namesEachKindByTheKeyThatGivesItAway(String text, Type type, String description) {
    assertThat(InputKind.of(text)).contains(new InputKind(type, description));
  }

  @Test
  void knowsNothingOfOtherFilesOrOfTextThatIsNotYaml() {
    assertThat(InputKind.of("name: x\n")).isEmpty();
    assertThat(InputKind.of("- a\n- b\n")).isEmpty();
    assertThat(InputKind.of("key: [unclosed\n")).isEmpty();
  }

  static Stream<Arguments> notVectors() {
    return Stream.of(
        Arguments.of(RULES, "v.yaml:2: this is a rules file (\"rules:\"), not an image vector, which has an \"images\" list"),
        Arguments.of(REVIEW, "v.yaml:1: this is an AdmissionReview (\"kind: AdmissionReview\"), not an image vector, which has an \"images\" list"),
        Arguments.of(LAYOUT, "v.yaml:1: this is an OCI layout's oci-layout file (\"imageLayoutVersion\"), not an image vector, which has an \"images\" list"),
        Arguments.of(DEPLOYMENT, "v.yaml:1: this is Kubernetes YAML (\"kind: Deployment\"), not an image vector, which has an \"images\" list"),
        Arguments.of(LOCK, "v.yaml:1: this is a mirror's lock file (\"images:\" with \"sourceDigest\"), not an image vector, which has an \"images\" list"),
        Arguments.of("name: pause\n", "v.yaml:1: no \"images\" list: this is not an image vector"));
  }

  @ParameterizedTest
  @MethodSource("notVectors")
  void theVectorReaderRefusesAnyOtherKindWithOneError(String text, String error) {
    assertThat(VectorReader.read("v.yaml", text).diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(error);
  }

  @Test
  void theRulesReaderNamesAVectorOrAManifestInsteadOfListingItsKeys() {
    assertThatThrownBy(() -> RewriteRules.parse("r.yaml", VECTOR))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessage("r.yaml:1: this is an image vector (\"images:\"), not a rules file, which has a \"rules\" list"
            + " (or a KubeOne cluster file)");
    assertThatThrownBy(() -> RewriteRules.parse("r.yaml", DEPLOYMENT))
        .hasMessageContaining("this is Kubernetes YAML (\"kind: Deployment\"), not a rules file");
  }

  @Test
  void theManifestReaderRefusesAFileWithNoKubernetesObjects() {
    assertThatThrownBy(() -> ManifestRewriter.images("m.yaml", VECTOR))
        .isInstanceOf(RewriteException.class)
        .hasMessage("m.yaml: no Kubernetes objects (documents with a \"kind\"): this is an image vector"
            + " (\"images:\"), not Kubernetes YAML");
    assertThatThrownBy(() -> ManifestRewriter.images("<stdin>", "\n"))
        .hasMessage("<stdin>: no Kubernetes objects (documents with a \"kind\")");
    assertThat(ManifestRewriter.images("m.yaml", "kind: ConfigMap\ndata: {}\n")).isEmpty();
  }

  @Test
  void theComponentsReaderNamesARulesFile() {
    assertThat(ComponentOverwrites.read("c.yaml", RULES).diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly("c.yaml:2: this is a rules file (\"rules:\"), not a component overwrites file,"
            + " which has a \"components\" list");
  }
}
