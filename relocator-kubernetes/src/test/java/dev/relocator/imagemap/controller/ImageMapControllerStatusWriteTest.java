package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.availability.Presence;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status writes the API server refuses are counted and retried with a growing delay, not every second. */
@EnableKubernetesMockClient(crud = true)
class ImageMapControllerStatusWriteTest {

  KubernetesMockServer server;
  KubernetesClient client;
  private ControllerFixture fixture;
  private ImageMapController controller;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void installCrdsAndNamespace() {
    fixture = new ControllerFixture(server, client, "demo");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ImageMapController controller(ScheduledThreadPoolExecutor executor) {
    return fixture.closeAfter(new ImageMapController(client, ControllerFixture.settings(), meters,
        executor, new StatusBackoff(Duration.ofMillis(100), Duration.ofMillis(800))));
  }

  @Test
  void forbiddenStatusWriteIsCountedAndRetriedWithBackoff() {
    fixture.refuseStatusWrites("demo", "app", 0);
    RecordingExecutor executor = new RecordingExecutor(0);
    controller = controller(executor);
    controller.start();
    fixture.createMap("demo", "app", "nginx", "reg.local/mirror/nginx");

    // Each refused pass is counted and asks for the next one later: 100, 200, 400, then 800 ms (the
    // bound), where a fixed retry would ask for 100 ms every time.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        meters.counter("relocator.imagemap.status.write.failures").count()).isGreaterThanOrEqualTo(6.0));
    assertThat(executor.delays()).as("delays asked of the pass executor, ms")
        .containsSubsequence(100L, 200L, 400L, 800L, 800L)
        .doesNotContain(1600L);
    assertThat(fixture.get("demo", "app").getStatus())
        .as("no status written").satisfiesAnyOf(
            s -> assertThat(s).isNull(),
            s -> assertThat(s.getConditions()).isNullOrEmpty());
  }

  @Test
  void refusedConditionWriteIsRetriedWithTheLatestReport() {
    controller = controller(new ScheduledThreadPoolExecutor(1));
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
    // A tag, so the monitor probes the target (it does not probe repository-wide entries) and the
    // probe's wait holds the condition's write back.
    fixture.createMap("demo", "app", "nginx:1.27", "reg.local/mirror/nginx:1.27");
    controller.start();
    await("the map's status").atMost(Duration.ofSeconds(10))
        .until(() -> fixture.get("demo", "app").getStatus() != null);
    fixture.refuseStatusWrites("demo", "app", 1);
    refusalSet.countDown();

    Condition written = await("the TargetsAvailable condition, after a refused write").atMost(Duration.ofSeconds(10))
        .until(() -> fixture.condition("demo", "app", "TargetsAvailable"), c -> c != null);

    assertThat(written.getStatus()).isEqualTo("True");
    assertThat(meters.counter("relocator.imagemap.status.write.failures").count())
        .as("the refused condition write").isEqualTo(1.0);
  }
}
