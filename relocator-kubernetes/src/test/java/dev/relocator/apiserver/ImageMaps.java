package dev.relocator.apiserver;

import static org.awaitility.Awaitility.await;

import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Installing Relocator's CRDs on the real API server, and building and awaiting ImageMaps. */
final class ImageMaps {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> CRDS =
      List.of("imagemaps.relocator.dev-v1.yml", "clusterimagemaps.relocator.dev-v1.yml",
          "clusterimagepolicies.relocator.dev-v1.yml", "imagepolicies.relocator.dev-v1.yml");

  private ImageMaps() {}

  /** Creates the CRDs the build generated (META-INF/fabric8) and waits until they are served. */
  static void installCrds(KubernetesClient client) throws IOException {
    for (String file : CRDS) {
      try (InputStream yaml = ImageMaps.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
        if (yaml == null) {
          throw new IllegalStateException("CRD " + file + " not generated under target/classes/META-INF/fabric8");
        }
        var crds = client.apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition crd = crds.load(yaml).item();
        crds.resource(crd).create();
        crds.withName(crd.getMetadata().getName()).waitUntilCondition(Widgets::established, 60, TimeUnit.SECONDS);
      }
    }
  }

  /** An ImageMap from pairs: {@code imageMap("ns", "name", "nginx", "reg.local/nginx")}. */
  static ImageMap imageMap(String namespace, String name, String... fromTo) {
    return Maps.imageMap(namespace, name, fromTo);
  }

  static ImageMapSpec spec(String... fromTo) {
    return Maps.wire(fromTo);
  }

  /** Waits for the Ready condition the controller writes for {@code generation}. */
  static Condition awaitReady(KubernetesClient client, String namespace, String name, long generation) {
    AtomicReference<ImageMap> last = new AtomicReference<>();
    try {
      return await().atMost(WAIT).until(() -> {
        ImageMap m = client.resources(ImageMap.class).inNamespace(namespace).withName(name).get();
        last.set(m);
        if (m == null || m.getStatus() == null || m.getStatus().getConditions() == null
            || !Long.valueOf(generation).equals(m.getStatus().getObservedGeneration())) {
          return null;
        }
        return m.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
      }, Objects::nonNull);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no Ready condition for generation " + generation + " of ImageMap "
          + namespace + "/" + name + " within " + WAIT + "; last status: "
          + (last.get() == null ? "(map absent)" : last.get().getStatus()), e);
    }
  }
}
