package dev.relocator.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The tests' own {@code Widget} custom resource (group {@code test.relocator.dev}). */
final class Widgets {

  static final String API_VERSION = "test.relocator.dev/v1";
  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("test.relocator.dev")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  private Widgets() {}

  /** Creates the CRD from the test resources and waits until the API server serves it. */
  static CustomResourceDefinition apply(KubernetesClient client) throws IOException {
    try (InputStream yaml = Widgets.class.getResourceAsStream("widgets-crd.yaml")) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(yaml).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
      return client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(Widgets::established, 60, TimeUnit.SECONDS);
    }
  }

  /** A Widget with the given spec fields; {@code null} values are left out. */
  static GenericKubernetesResource widget(String name, Object image, Object replicas) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (image != null) {
      spec.put("image", image);
    }
    if (replicas != null) {
      spec.put("replicas", replicas);
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  /** Whether the API server serves the CRD; its status starts without conditions. */
  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
