package dev.relocator.imagemap.api;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Test set-up on a (mock or real) API server: the ImageMap CRDs the build generates, and namespaces. */
public final class ImageMapCrds {
  private static final String[] CRDS = {"imagemaps.relocator.dev-v1.yml", "clusterimagemaps.relocator.dev-v1.yml",
      "clusterimagepolicies.relocator.dev-v1.yml", "imagepolicies.relocator.dev-v1.yml"};

  private ImageMapCrds() {}

  /** Creates the ImageMap and ClusterImageMap CRDs, then each namespace in {@code namespaces}. */
  public static void install(KubernetesClient client, String... namespaces) {
    for (String crd : CRDS) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(ImageMapCrds.class.getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    for (String namespace : namespaces) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }
}
