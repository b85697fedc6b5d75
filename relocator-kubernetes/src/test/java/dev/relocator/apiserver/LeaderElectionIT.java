package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMapIT.awaitUntil;
import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.ImageMapController;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two ImageMap controller replicas elect a status writer through a real Lease. */
class LeaderElectionIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String LEASE = "relocator-imagemap-controller";
  private final List<ImageMapController> replicas = new ArrayList<>();

  @AfterEach
  void stopReplicas() {
    replicas.forEach(ImageMapController::close);
  }

  @Test
  void oneReplicaWritesStatusesAndTheOtherTakesOverWhenItStops() throws Exception {
    ImageMaps.installCrds(API.client());
    API.server().createNamespace("elected");
    ImageMapController first = replica();
    awaitUntil("first replica holds the Lease", first::isWriter);
    String firstHolder = holder();
    ImageMapController second = replica();

    API.client().resource(imageMap("elected", "before", "nginx", "reg.local/nginx")).create();
    assertThat(awaitReady(API.client(), "elected", "before", 1).getReason()).isEqualTo("Accepted");
    assertThat(second.isWriter()).isFalse();
    assertThat(holder()).isEqualTo(firstHolder);

    first.close();
    awaitUntil("second replica takes the Lease over", second::isWriter);
    API.client().resource(imageMap("elected", "after", "redis", "reg.local/redis")).create();

    assertThat(awaitReady(API.client(), "elected", "after", 1).getReason()).isEqualTo("Accepted");
    assertThat(holder()).isNotEqualTo(firstHolder).isNotBlank();
  }

  private ImageMapController replica() {
    ImageMapController controller = new ImageMapController(API.server().client(API.server().adminToken()),
        new ImageMapController.Settings(
            RejectedUpdate.KEEP, Duration.ofSeconds(30), true, "default", LEASE, Clock.systemUTC()));
    replicas.add(controller);
    controller.start();
    return controller;
  }

  private static String holder() {
    Lease lease = API.client().leases().inNamespace("default").withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
