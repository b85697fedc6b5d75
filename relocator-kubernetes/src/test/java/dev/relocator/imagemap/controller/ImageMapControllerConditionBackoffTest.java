package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.availability.Presence;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TargetsAvailable condition writes back off per map: a map whose writes are refused (403)
 * waits longer each time, another map's first retry does not inherit that wait, and a map has one
 * retry pending however often its report changes. Read from the delays the controller schedules,
 * not from how long anything took.
 */
@EnableKubernetesMockClient(crud = true)
class ImageMapControllerConditionBackoffTest {

  private static final Duration INITIAL = Duration.ofMillis(100);

  KubernetesMockServer server;
  KubernetesClient client;
  private ControllerFixture fixture;
  private ImageMapController controller;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingExecutor executor = new RecordingExecutor(INITIAL.toMillis());

  @BeforeEach
  void installCrdsAndNamespace() {
    fixture = new ControllerFixture(server, client, "demo");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ImageMapController controller() {
    return fixture.closeAfter(new ImageMapController(client, ControllerFixture.settings(),
        meters, executor, new StatusBackoff(INITIAL, Duration.ofHours(1))));
  }

  /** A map of one exact entry, {@code from} (with a tag) to the same under reg.local/mirror: a target the monitor probes. */
  private void createMap(String name, String from) {
    fixture.createMap("demo", name, from, "reg.local/mirror/" + from);
  }

  /** Until the controller's pass has written the map's first status. */
  private void awaitStatus(String name) {
    await("the status of " + name).atMost(Duration.ofSeconds(10))
        .until(() -> fixture.get("demo", name).getStatus() != null);
  }

  private double refused() {
    return meters.counter("relocator.imagemap.status.write.failures").count();
  }

  private boolean hasTargetsCondition(String name) {
    return fixture.condition("demo", name, "TargetsAvailable") != null;
  }

  @Test
  void aMapWhoseWritesAreRefusedBacksOffAloneAndDelaysNoOtherMap() {
    CountDownLatch appRefused = new CountDownLatch(1);
    CountDownLatch otherRefused = new CountDownLatch(1);
    controller = controller();
    controller.checkAvailability(target -> {
      try {
        (target.toString().contains("busybox") ? otherRefused : appRefused).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Presence.PRESENT;
    }, new AvailabilityMonitor.Settings(Duration.ofHours(1), 10), meters);
    createMap("app", "nginx:1.27");
    controller.start();
    awaitStatus("app");
    fixture.refuseStatusWrites("demo", "app", 0);
    appRefused.countDown();
    // Refused 5 times: app's next wait is 100 ms doubled 5 times, 3.2 s; one shared backoff would
    // hand that (or more) to the next map's first retry.
    await("app's condition writes refused 5 times").atMost(Duration.ofSeconds(30)).until(() -> refused() >= 5);

    createMap("other", "busybox:1.36");
    awaitStatus("other");
    fixture.refuseStatusWrites("demo", "other", 1);
    int before = executor.delays().size();
    otherRefused.countDown();
    await("other's condition, written after one refusal").atMost(Duration.ofSeconds(30))
        .until(() -> hasTargetsCondition("other"));

    List<Long> all = executor.delays();
    List<Long> since = all.subList(before, all.size());
    assertThat(since).as("delays scheduled after other's refusal").contains(INITIAL.toMillis());
    assertThat(hasTargetsCondition("app")).as("app's condition, refused every time").isFalse();
  }

  @Test
  void aMapHasOneConditionRetryPendingHoweverOftenItsReportChanges() {
    AtomicInteger probes = new AtomicInteger();
    controller = controller();
    // Every 50 ms round reports the map anew: present, then missing, then present...
    controller.checkAvailability(target -> probes.incrementAndGet() % 2 == 0 ? Presence.PRESENT : Presence.MISSING,
        new AvailabilityMonitor.Settings(Duration.ofMillis(50), 10), meters);
    createMap("app", "nginx:1.27");
    controller.start();
    awaitStatus("app");
    fixture.refuseStatusWrites("demo", "app", 0);

    // Each refused report used to start a retry chain of its own, none cancelled: with the waits
    // doubling, they piled up. Replaced by the latest, at most one is pending.
    await("8 refused writes, and one retry pending").atMost(Duration.ofSeconds(30))
        .until(() -> refused() >= 8 && executor.pending() <= 1);
    assertThat(executor.delays().stream().filter(d -> d >= INITIAL.toMillis()).count())
        .as("retries scheduled").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aWrittenConditionKeepsNoBackoffOrRetry() {
    CountDownLatch refusalSet = new CountDownLatch(1);
    controller = controller();
    controller.checkAvailability(target -> {
      try {
        refusalSet.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Presence.PRESENT;
    }, new AvailabilityMonitor.Settings(Duration.ofHours(1), 10), meters);
    createMap("app", "nginx:1.27");
    controller.start();
    awaitStatus("app");
    fixture.refuseStatusWrites("demo", "app", 1);
    refusalSet.countDown();
    await("app's condition, written after one refusal").atMost(Duration.ofSeconds(30))
        .until(() -> hasTargetsCondition("app"));

    // The map is reported only when its report changes, and never again once deleted: whatever
    // the refusal left must go with the write that succeeded, or it stays for the process's life.
    await("nothing kept for app once written").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(controller.conditionsKept()).isEmpty());
    assertThat(refused()).as("refused writes").isEqualTo(1.0);
  }
}
