package dev.relocator.imagemap.controller;

import static dev.relocator.imagemap.Maps.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.availability.Presence;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status writes the API server refuses are counted and retried with a growing delay, not every second. */
@EnableKubernetesMockClient(crud = true)
class ImageMapControllerStatusWriteTest {

  private static final String STATUS_PATH = "/apis/relocator.dev/v1alpha1/namespaces/demo/imagemaps/app/status";

  KubernetesMockServer server;
  KubernetesClient client;
  private ImageMapController controller;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void installCrdsAndNamespace() {
    ImageMapCrds.install(client, "demo");
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void forbiddenStatusWriteIsCountedAndRetriedWithBackoff() throws InterruptedException {
    // What the API server answers a service account without update on imagemaps/status.
    server.expect().put().withPath(STATUS_PATH)
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage("imagemaps.relocator.dev \"app\" is forbidden: User \"viewer\" cannot update"
                + " resource \"imagemaps/status\"")
            .build())
        .always();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    controller = new ImageMapController(client, new ImageMapController.Settings(
            RejectedUpdate.KEEP, Duration.ofMinutes(1), false, "demo", "relocator", Clock.systemUTC()),
        meters, executor, new StatusBackoff(Duration.ofMillis(100), Duration.ofMillis(800)));
    controller.start();
    ImageMap map = new ImageMap();
    map.setMetadata(new ObjectMetaBuilder().withNamespace("demo").withName("app").build());
    map.setSpec(wire("nginx", "reg.local/mirror/nginx"));
    client.resource(map).create();

    // Retried every 100 ms, 3 s would see about 30 writes; backing off 100, 200, 400, then 800 ms
    // sees 6 or 7.
    Thread.sleep(3000);
    double failures = meters.counter("relocator.imagemap.status.write.failures").count();
    assertThat(failures).as("status writes refused within 3 s").isBetween(3.0, 9.0);
    assertThat(client.resources(ImageMap.class).inNamespace("demo").withName("app").get().getStatus())
        .as("no status written").satisfiesAnyOf(
            s -> assertThat(s).isNull(),
            s -> assertThat(s.getConditions()).isNullOrEmpty());
  }

  @Test
  void refusedConditionWriteIsRetriedWithTheLatestReport() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    controller = new ImageMapController(client, new ImageMapController.Settings(
            RejectedUpdate.KEEP, Duration.ofMinutes(1), false, "demo", "relocator", Clock.systemUTC()),
        meters, executor, new StatusBackoff(Duration.ofMillis(100), Duration.ofMillis(800)));
    // A long interval: the monitor reports the map once, when its targets are first checked. The
    // probe waits until the refusal below is in place, so the condition's first write meets it.
    CountDownLatch refusalSet = new CountDownLatch(1);
    controller.checkAvailability(target -> {
      try {
        refusalSet.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Presence.PRESENT;
    }, new AvailabilityMonitor.Settings(Duration.ofHours(1), 10), meters);
    ImageMap map = new ImageMap();
    map.setMetadata(new ObjectMetaBuilder().withNamespace("demo").withName("app").build());
    map.setSpec(wire("nginx", "reg.local/mirror/nginx"));
    client.resource(map).create();
    controller.start();
    await("the map's status").atMost(Duration.ofSeconds(10))
        .until(() -> client.resources(ImageMap.class).inNamespace("demo").withName("app").get().getStatus() != null);
    server.expect().put().withPath(STATUS_PATH)
        .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
            .withMessage("imagemaps.relocator.dev \"app\" is forbidden").build())
        .once();
    refusalSet.countDown();

    Condition written = await("the TargetsAvailable condition, after a refused write").atMost(Duration.ofSeconds(10))
        .until(() -> targetsCondition(), c -> c != null);

    assertThat(written.getStatus()).isEqualTo("True");
    assertThat(meters.counter("relocator.imagemap.status.write.failures").count())
        .as("the refused condition write").isEqualTo(1.0);
  }

  private Condition targetsCondition() {
    List<Condition> conditions = client.resources(ImageMap.class).inNamespace("demo").withName("app").get()
        .getStatus().getConditions();
    return conditions == null ? null
        : conditions.stream().filter(c -> "TargetsAvailable".equals(c.getType())).findFirst().orElse(null);
  }
}
