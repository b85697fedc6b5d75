package dev.relocator.imagemap.controller;

import dev.relocator.imagemap.Maps;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapCrds;
import dev.relocator.imagemap.api.ImageMapSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;

/**
 * What the {@link ImageMapController} tests on fabric8's mock server share: the controller's
 * settings, ImageMaps created from pairs and read back, status writes the server refuses, and the
 * controller closed after each test. Made (installing the CRDs) in a test's {@code @BeforeEach},
 * closed in its {@code @AfterEach}.
 */
final class ControllerFixture implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private ImageMapController controller;

  /** Installs Relocator's CRDs and creates {@code namespaces} (unlabelled) on the server. */
  ControllerFixture(KubernetesMockServer server, KubernetesClient client, String... namespaces) {
    this.server = server;
    this.client = client;
    ImageMapCrds.install(client, namespaces);
  }

  /** A single replica's settings (no leader election) with the given policy, retry delay and clock. */
  static ImageMapController.Settings settings(RejectedUpdate rejectedUpdate, Duration retryDelay, Clock clock) {
    return new ImageMapController.Settings(rejectedUpdate, retryDelay, false, "demo", "relocator", clock);
  }

  /** {@link #settings(RejectedUpdate, Duration, Clock)} keeping rejected updates' generation, retrying after a minute. */
  static ImageMapController.Settings settings() {
    return settings(RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
  }

  /** The controller to close after the test (closing it twice is harmless); answers it. */
  ImageMapController closeAfter(ImageMapController controller) {
    this.controller = controller;
    return controller;
  }

  /** Creates the ImageMap {@code namespace/name} with {@code spec}; answers it as the server stored it. */
  ImageMap createMap(String namespace, String name, ImageMapSpec spec) {
    return client.resource(Maps.imageMap(namespace, name, spec)).create();
  }

  /** Creates the ImageMap {@code namespace/name} of one entry, {@code from} to {@code to}. */
  ImageMap createMap(String namespace, String name, String from, String to) {
    return createMap(namespace, name, Maps.wire(from, to));
  }

  /** The ImageMap as the server holds it now, or null. */
  ImageMap get(String namespace, String name) {
    return client.resources(ImageMap.class).inNamespace(namespace).withName(name).get();
  }

  /** The map's condition of {@code type} as the server holds it now, or null when it has none. */
  Condition condition(String namespace, String name, String type) {
    ImageMap map = get(namespace, name);
    if (map == null || map.getStatus() == null || map.getStatus().getConditions() == null) {
      return null;
    }
    return map.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /**
   * From now on, the server refuses {@code times} status writes of the map (all of them when
   * {@code times} is 0) with the 403 a service account without update on imagemaps/status gets.
   */
  void refuseStatusWrites(String namespace, String name, int times) {
    var expectation = server.expect().put()
        .withPath("/apis/relocator.dev/v1alpha1/namespaces/" + namespace + "/imagemaps/" + name + "/status")
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage("imagemaps.relocator.dev \"" + name + "\" is forbidden: User \"viewer\" cannot update"
                + " resource \"imagemaps/status\"")
            .build());
    if (times == 0) {
      expectation.always();
    } else {
      expectation.times(times);
    }
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
    }
  }
}
