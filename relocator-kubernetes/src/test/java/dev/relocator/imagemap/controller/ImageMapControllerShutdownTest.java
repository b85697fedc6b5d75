package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ImageMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the controller stops: orderly, whatever the informers and the running pass are doing. */
@EnableKubernetesMockClient(crud = true)
class ImageMapControllerShutdownTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesMockServer server;
  KubernetesClient client;
  private ControllerFixture fixture;
  private ImageMapController controller;

  @BeforeEach
  void installCrdsAndNamespace() {
    fixture = new ControllerFixture(server, client, "demo");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ImageMapController start(Clock clock, ScheduledThreadPoolExecutor executor) {
    controller = fixture.closeAfter(new ImageMapController(client,
        ControllerFixture.settings(RejectedUpdate.KEEP, Duration.ofMinutes(1), clock), executor));
    controller.start();
    return controller;
  }

  private void imageMap(String name, String from, String to) {
    fixture.createMap("demo", name, from, to);
  }

  private String reasonOnServer(String name) {
    ImageMap m = fixture.get("demo", name);
    return m.getStatus() == null || m.getStatus().getConditions().isEmpty()
        ? "" : m.getStatus().getConditions().get(0).getReason();
  }

  private boolean sees(String name) {
    return controller != null && controller.maps().stream().anyMatch(m -> m.id().name().equals(name));
  }

  private static ScheduledThreadPoolExecutor executor() {
    return new ScheduledThreadPoolExecutor(1);
  }

  @Test
  void closeLetsTheRunningPassFinishItsStatusWrites() throws Exception {
    // The pass that first sees "late" stops at its clock until the test lets it go on.
    HeldClock clock = new HeldClock(() -> sees("late"));
    start(clock, executor());
    imageMap("early", "nginx", "reg.local/a/nginx");
    await("early accepted")
        .atMost(WAIT).ignoreExceptions().until(() -> reasonOnServer("early").equals("Accepted"));
    imageMap("late", "redis", "reg.local/a/redis");
    assertThat(clock.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(controller::close, "closing");
    closing.start();
    closing.join(300);
    assertThat(closing.isAlive()).as("close waits for the running pass").isTrue();
    clock.release.countDown();
    closing.join(WAIT.toMillis());
    assertThat(closing.isAlive()).isFalse();
    assertThat(clock.interrupted).isFalse();
    assertThat(reasonOnServer("late")).isEqualTo("Accepted");
  }

  @Test
  void closeInterruptsAPassThatOutlastsItsWait() throws Exception {
    HeldClock clock = new HeldClock(() -> sees("late"));
    start(clock, executor());
    imageMap("late", "redis", "reg.local/a/redis");
    assertThat(clock.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(() -> controller.close(Duration.ofMillis(200)), "closing");
    closing.start();
    closing.join(WAIT.toMillis());
    assertThat(closing.isAlive()).isFalse();
    assertThat(clock.interrupted).isTrue();
    assertThat(reasonOnServer("late")).isEmpty();
  }

  @Test
  void passRequestedByAnInformerWhileClosingIsDroppedQuietly() throws Exception {
    GatedExecutor executor = new GatedExecutor();
    start(Clock.systemUTC(), executor);
    imageMap("early", "nginx", "reg.local/a/nginx");
    await("early accepted")
        .atMost(WAIT).ignoreExceptions().until(() -> reasonOnServer("early").equals("Accepted"));
    // The pass after the status write's watch event has run: nothing else will ask for a pass.
    await("the status write seen").atMost(WAIT).ignoreExceptions().until(() -> controller.maps().stream()
        .anyMatch(m -> m.id().name().equals("early") && m.hasAccepted()));
    await("no pass pending")
        .atMost(WAIT).ignoreExceptions().until(() -> executor.getQueue().isEmpty() && executor.getActiveCount() == 0);

    // An informer thread asks for a pass and is preempted just before scheduling it; close() runs.
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread informer = new Thread(() -> {
      try {
        controller.requestPass(0);
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "informer");
    executor.gated = informer;
    informer.start();
    assertThat(executor.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Thread closing = new Thread(controller::close, "closing");
    closing.start();
    closing.join(300);
    executor.release.countDown();
    informer.join(WAIT.toMillis());
    closing.join(WAIT.toMillis());
    assertThat(closing.isAlive()).isFalse();
    assertThat(thrown.get()).isNull();
    assertThat(executor.isTerminated()).isTrue();

    controller.requestPass(0);
    assertThat(executor.getQueue()).isEmpty();
  }

  /** A clock whose {@code instant()} waits, once, while {@code holdWhen} holds. */
  private static final class HeldClock extends InterceptedClock {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final BooleanSupplier holdWhen;
    volatile boolean interrupted;

    HeldClock(BooleanSupplier holdWhen) {
      this.holdWhen = holdWhen;
    }

    @Override
    void intercept() {
      if (entered.getCount() > 0 && holdWhen.getAsBoolean()) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted = true;
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while held", e);
        }
      }
    }
  }

  /** Holds the scheduling call of one thread between the controller's checks and the executor. */
  private static final class GatedExecutor extends ScheduledThreadPoolExecutor {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Thread gated;

    GatedExecutor() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (Thread.currentThread() == gated) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.schedule(command, delay, unit);
    }
  }
}
