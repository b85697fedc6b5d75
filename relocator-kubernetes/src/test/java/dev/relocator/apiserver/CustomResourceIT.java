package dev.relocator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CRDs on the real API server: schema validation, storage, status subresource, kubectl. */
class CustomResourceIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  @BeforeAll
  static void applyCrd() throws IOException {
    Widgets.apply(API.client());
    API.server().createNamespace("widgets");
  }

  @Test
  void crdIsEstablishedAndServedByDiscovery() {
    var resources = API.client().getApiResources(Widgets.API_VERSION);

    assertThat(resources.getResources()).anySatisfy(r -> assertThat(r.getName()).isEqualTo("widgets"));
    assertThat(resources.getResources()).anySatisfy(r -> assertThat(r.getName()).isEqualTo("widgets/status"));
  }

  @Test
  void customResourceIsStoredWithItsSpec() {
    // The first custom-resource create is the call that crashed kube-apiserver built with the
    // vendored reflect2 1.0.1 under Go 1.18+.
    widgets().resource(Widgets.widget("stored", "registry.example/app:1.0", 3)).create();

    GenericKubernetesResource stored = widgets().withName("stored").get();
    assertThat(spec(stored)).containsEntry("image", "registry.example/app:1.0").containsEntry("replicas", 3);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
          replicas below minimum | registry.example/app:1.0 | 0    | spec.replicas
          replicas above maximum | registry.example/app:1.0 | 11   | spec.replicas
          replicas not a number  | registry.example/app:1.0 | many | spec.replicas
          image missing          | null                     | 1    | spec.image
          image empty            | ''                       | 1    | spec.image
          replicas missing       | registry.example/app:1.0 | null | spec.replicas
          """)
  void schemaRejectsInvalidWidget(String name, String image, String replicas, String field) {
    Object replicasValue = replicas == null ? null : replicas.matches("\\d+") ? Integer.valueOf(replicas) : replicas;
    String resourceName = name.replace(' ', '-');

    assertThatThrownBy(() -> widgets().resource(Widgets.widget(resourceName, image, replicasValue)).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
              assertThat(e.getStatus().getDetails().getCauses())
                  .anySatisfy(cause -> assertThat(cause.getField()).isEqualTo(field));
            });
    assertThat(widgets().withName(resourceName).get()).isNull();
  }

  @Test
  void statusSubresourceChangesStatusOnlyAndSpecUpdateKeepsStatus() {
    widgets().resource(Widgets.widget("status", "registry.example/app:1.0", 1)).create();
    GenericKubernetesResource withStatus = widgets().withName("status").get();
    withStatus.setAdditionalProperty("status", Map.of("observedImage", "mirror.example/app:1.0"));
    // Writes through the status subresource ignore spec changes.
    spec(withStatus).put("replicas", 5);

    widgets().resource(withStatus).updateStatus();

    GenericKubernetesResource stored = widgets().withName("status").get();
    assertThat(stored.getAdditionalProperties().get("status"))
        .isEqualTo(Map.of("observedImage", "mirror.example/app:1.0"));
    assertThat(spec(stored)).containsEntry("replicas", 1);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);

    widgets().withName("status").edit(w -> {
      spec(w).put("replicas", 2);
      return w;
    });
    GenericKubernetesResource edited = widgets().withName("status").get();
    assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(edited.getAdditionalProperties()).containsKey("status");
  }

  @Test
  void kubectlAppliesAWidgetThatTheJavaClientReads() throws Exception {
    Kubectl kubectl = Kubectl.forServer(API.server(), "CustomResourceIT.kubectl");
    Path manifest = kubectl.resource("widget.yaml");

    String applied = kubectl.run("apply", "--namespace=widgets", "--filename=" + manifest);
    String listed = kubectl.run("get", "widgets", "--namespace=widgets", "--output=name");

    assertThat(applied).contains("widget.test.relocator.dev/from-kubectl created");
    assertThat(listed).contains("widget.test.relocator.dev/from-kubectl");
    assertThat(spec(widgets().withName("from-kubectl").get()))
        .containsEntry("image", "registry.example/app:1.0")
        .containsEntry("replicas", 2);
  }

  private static io.fabric8.kubernetes.client.dsl.MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      widgetsAll() {
    return API.client().genericKubernetesResources(Widgets.CONTEXT);
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      widgets() {
    return widgetsAll().inNamespace("widgets");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource widget) {
    return (Map<String, Object>) widget.getAdditionalProperties().get("spec");
  }
}
