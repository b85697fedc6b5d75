package dev.relocator.apiserver;

import static org.awaitility.Awaitility.await;
import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.controller.ImageMapController;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relocator's CRDs and ImageMap controller on the real API server. */
class ImageMapIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final ResourceDefinitionContext IMAGE_MAPS =
      new ResourceDefinitionContext.Builder()
          .withGroup(ImageMap.GROUP).withVersion(ImageMap.VERSION).withKind("ImageMap")
          .withPlural("imagemaps").withNamespaced(true).build();

  private static ImageMapController controller;

  @BeforeAll
  static void installCrdsAndStartController() throws Exception {
    KubernetesClient client = API.client();
    ImageMaps.installCrds(client);
    controller = new ImageMapController(client, new ImageMapController.Settings(
        RejectedUpdate.KEEP, Duration.ofSeconds(30), false, "default", "relocator", Clock.systemUTC()));
    controller.start();
  }

  @AfterAll
  static void stopController() {
    if (controller != null) {
      controller.close();
    }
  }

  // v1.20 names the field of an array item's error without its index (spec.map.to).
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          map missing          | {}                                  | spec.map
          map not a list       | {"map": "nginx=reg.local/nginx"}    | spec.map
          entry without to     | {"map": [{"from": "nginx"}]}        | spec.map.to
          entry from a number  | {"map": [{"from": 7, "to": "x/y"}]} | spec.map.from
          """)
  void crdSchemaRejectsInvalidImageMap(String name, String specJson, String field) {
    API.server().createNamespace("schema-" + name.replace(' ', '-'));
    GenericKubernetesResource invalid = new GenericKubernetesResourceBuilder()
        .withApiVersion(ImageMap.GROUP + "/" + ImageMap.VERSION).withKind("ImageMap")
        .withNewMetadata().withName("invalid").endMetadata()
        .addToAdditionalProperties("spec", io.fabric8.kubernetes.client.utils.Serialization.unmarshal(specJson, Map.class))
        .build();

    assertThatThrownBy(() -> API.client().genericKubernetesResources(IMAGE_MAPS)
            .inNamespace("schema-" + name.replace(' ', '-')).resource(invalid).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo(field));
        });
  }

  @Test
  void acceptedMapGetsReadyThroughTheStatusSubresourceAndIsServed() throws Exception {
    API.server().createNamespace("accepted");
    API.client().resource(imageMap("accepted", "app", "registry.example/team/app", "mirror.example/team/app")).create();

    Condition ready = awaitReady(API.client(), "accepted", "app", 1);

    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Accepted");
    ImageMap stored = API.client().resources(ImageMap.class).inNamespace("accepted").withName("app").get();
    // Status writes went through the subresource: the spec's generation did not move.
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(stored.getStatus().getAcceptedGeneration()).isEqualTo(1L);
    assertThat(stored.getStatus().getAcceptedMap())
        .containsExactly(new MapEntry("registry.example/team/app", "mirror.example/team/app"));
    awaitUntil("accepted mapping served",
        () -> served("accepted", "registry.example/team/app:1.0").equals(Optional.of("mirror.example/team/app:1.0")));
  }

  @Test
  void conflictingMapIsRejectedAndAcceptedOnceTheOtherIsDeleted() throws Exception {
    API.server().createNamespace("conflict");
    API.client().resource(imageMap("conflict", "first", "nginx", "reg.local/a/nginx")).create();
    awaitReady(API.client(), "conflict", "first", 1);
    API.client().resource(imageMap("conflict", "second", "nginx", "reg.local/b/nginx")).create();

    Condition rejected = awaitReady(API.client(), "conflict", "second", 1);
    assertThat(rejected.getStatus()).isEqualTo("False");
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    assertThat(rejected.getMessage()).contains("conflict/first");

    API.client().resources(ImageMap.class).inNamespace("conflict").withName("first").delete();
    awaitUntil("second accepted after first was deleted",
        () -> "Accepted".equals(awaitReady(API.client(), "conflict", "second", 1).getReason()));
    awaitUntil("second's mapping served",
        () -> served("conflict", "nginx:1").equals(Optional.of("reg.local/b/nginx:1")));
  }

  @Test
  void invalidMapIsRejectedAsInvalid() throws Exception {
    API.server().createNamespace("invalid");
    API.client().resource(imageMap("invalid", "self", "nginx", "docker.io/library/nginx")).create();

    Condition invalid = awaitReady(API.client(), "invalid", "self", 1);

    assertThat(invalid.getStatus()).isEqualTo("False");
    assertThat(invalid.getReason()).isEqualTo("Invalid");
  }

  @Test
  void rejectedUpdateKeepsThePreviousGenerationInForce() throws Exception {
    API.server().createNamespace("update");
    API.client().resource(imageMap("update", "first", "nginx", "reg.local/a/nginx")).create();
    API.client().resource(imageMap("update", "second", "redis", "reg.local/redis")).create();
    awaitReady(API.client(), "update", "first", 1);
    awaitReady(API.client(), "update", "second", 1);

    ImageMap updated = API.client().resources(ImageMap.class).inNamespace("update").withName("second")
        .edit(m -> {
          m.setSpec(ImageMaps.spec("nginx", "reg.local/b/nginx"));
          return m;
        });

    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    Condition rejected = awaitReady(API.client(), "update", "second", 2);
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    ImageMap stored = API.client().resources(ImageMap.class).inNamespace("update").withName("second").get();
    assertThat(stored.getStatus().getAcceptedGeneration()).isEqualTo(1L);
    awaitUntil("generation 1 of second still served",
        () -> served("update", "redis:7").equals(Optional.of("reg.local/redis:7"))
            && served("update", "nginx:1").equals(Optional.of("reg.local/a/nginx:1")));
  }

  @Test
  void controllerKeepsWorkingAcrossAnApiServerRestart() throws Exception {
    API.server().createNamespace("restart");
    API.client().resource(imageMap("restart", "before", "nginx", "reg.local/a/nginx")).create();
    awaitReady(API.client(), "restart", "before", 1);

    API.restartApiServer();
    // Created while the controller's informers are still reconnecting: they resume from their
    // last resourceVersion, so nothing written meanwhile is missed.
    API.client().resource(imageMap("restart", "clash", "nginx", "reg.local/b/nginx")).create();
    API.client().resource(imageMap("restart", "after", "redis", "reg.local/redis")).create();

    assertThat(awaitReady(API.client(), "restart", "clash", 1).getReason()).isEqualTo("Conflict");
    assertThat(awaitReady(API.client(), "restart", "after", 1).getReason()).isEqualTo("Accepted");
    API.client().resources(ImageMap.class).inNamespace("restart").withName("before").delete();
    awaitUntil("clash accepted once before is gone",
        () -> "Accepted".equals(awaitReady(API.client(), "restart", "clash", 1).getReason()));
    awaitUntil("both mappings served after the restart",
        () -> served("restart", "nginx:1").equals(Optional.of("reg.local/b/nginx:1"))
            && served("restart", "redis:7").equals(Optional.of("reg.local/redis:7")));
  }

  @Test
  void rejectedSelectorEditOfAClusterMapKeepsTheNamespacesOfTheGenerationInForce() throws Exception {
    API.server().createNamespace("selector-old", Map.of("selector-test", "old"));
    API.server().createNamespace("selector-new", Map.of("selector-test", "new"));
    API.client().resource(imageMap("selector-new", "own", "registry.example/sel/app", "reg.local/own/app")).create();
    awaitReady(API.client(), "selector-new", "own", 1);
    ClusterImageMap cluster = new ClusterImageMap();
    cluster.setMetadata(new ObjectMetaBuilder().withName("selector-test").build());
    ClusterImageMapSpec spec = new ClusterImageMapSpec();
    spec.setMap(ImageMaps.spec("registry.example/sel/app", "reg.local/cluster/app").getMap());
    spec.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("selector-test", "old").build());
    cluster.setSpec(spec);
    API.client().resource(cluster).create();
    try {
      awaitUntil("ClusterImageMap accepted", () -> "Accepted".equals(clusterReady("selector-test", 1)));

      // The edit would apply the cluster map where the ImageMap maps the same image elsewhere.
      API.client().resources(ClusterImageMap.class).withName("selector-test").edit(m -> {
        m.getSpec().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("selector-test", "new").build());
        return m;
      });
      awaitUntil("the selector edit rejected", () -> "Conflict".equals(clusterReady("selector-test", 2)));

      ClusterImageMap stored = API.client().resources(ClusterImageMap.class).withName("selector-test").get();
      assertThat(stored.getStatus().getConditions().get(0).getMessage()).contains("generation 1 stays in force");
      // The API server kept the selector in force (the CRD's status schema has it; unknown fields are pruned).
      assertThat(stored.getStatus().getAcceptedNamespaceSelector().getMatchLabels())
          .containsExactly(Map.entry("selector-test", "old"));
      assertThat(awaitReady(API.client(), "selector-new", "own", 1).getReason()).isEqualTo("Accepted");
      awaitUntil("generation 1 served where its selector applies, and only there",
          () -> served("selector-old", "registry.example/sel/app:1").equals(Optional.of("reg.local/cluster/app:1"))
              && served("selector-new", "registry.example/sel/app:1").equals(Optional.of("reg.local/own/app:1")));
    } finally {
      API.client().resources(ClusterImageMap.class).withName("selector-test").delete();
    }
  }

  /** The Ready reason of a ClusterImageMap's status for {@code generation}, or null before it is written. */
  private static String clusterReady(String name, long generation) {
    ClusterImageMap m = API.client().resources(ClusterImageMap.class).withName(name).get();
    if (m == null || m.getStatus() == null || !Long.valueOf(generation).equals(m.getStatus().getObservedGeneration())) {
      return null;
    }
    return m.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getReason).findFirst().orElse(null);
  }

  private static Optional<String> served(String namespace, String image) {
    return controller.catalog().forNamespace(namespace).relocate(ImageReference.parse(image))
        .map(ImageReference::familiarString);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitUntil(String what, Check check) {
    await(what).atMost(ImageMaps.WAIT).until(check::holds);
  }

}
