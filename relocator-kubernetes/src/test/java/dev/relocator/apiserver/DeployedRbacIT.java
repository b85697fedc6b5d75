package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.ImageMapController;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller with nothing but the RBAC rules of deploy/webhook/rbac.yaml: it watches the maps,
 * writes their statuses and keeps renewing its Lease, as it must in a cluster where it is not an
 * administrator.
 */
class DeployedRbacIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final String NAMESPACE = "relocator-system";
  private static final String LEASE = "relocator-imagemap-controller";
  /** A user the harness authenticates; the deployed bindings name the ServiceAccount instead. */
  private static final Subject USER =
      new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("viewer").build();

  private ImageMapController controller;

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void controllerWithTheDeployedRbacWritesStatusesAndRenewsItsLease() throws Exception {
    ImageMaps.installCrds(API.client());
    API.server().createNamespace(NAMESPACE);
    API.server().createNamespace("team");
    grantDeployedRbac();
    KubernetesClient viewer = API.server().client(API.server().viewerToken());
    controller = new ImageMapController(viewer, new ImageMapController.Settings(
        RejectedUpdate.KEEP, Duration.ofSeconds(30), true, NAMESPACE, LEASE, Clock.systemUTC()));
    controller.start();

    API.client().resource(imageMap("team", "first", "nginx", "reg.local/nginx")).create();
    assertThat(awaitReady(API.client(), "team", "first", 1).getReason()).isEqualTo("Accepted");
    // Renewing is a different request from taking the Lease: it must succeed too, or the writer
    // steps down after its renew deadline and statuses stop.
    ImageMapIT.awaitUntil("the Lease renewed by its holder", () -> {
      Lease lease = API.client().leases().inNamespace(NAMESPACE).withName(LEASE).get();
      return lease != null && lease.getSpec().getRenewTime() != null
          && !Objects.equals(lease.getSpec().getRenewTime(), lease.getSpec().getAcquireTime());
    });
    API.client().resource(imageMap("team", "second", "nginx", "reg.local/other/nginx")).create();
    assertThat(awaitReady(API.client(), "team", "second", 1).getReason()).isEqualTo("Conflict");
    assertThat(controller.isWriter()).isTrue();

    controller.close();
    controller = null;
    // Releasing on close is a patch too: the Lease is shortened to one second for a successor.
    ImageMapIT.awaitUntil("the Lease released", () -> Integer.valueOf(1).equals(
        API.client().leases().inNamespace(NAMESPACE).withName(LEASE).get().getSpec().getLeaseDurationSeconds()));
    // Exactly get, create and patch, on this Lease only (create cannot be limited to a name).
    Lease held = viewer.leases().inNamespace(NAMESPACE).withName(LEASE).get();
    assertForbidden(() -> viewer.resource(held).update());
    assertForbidden(() -> viewer.leases().inNamespace(NAMESPACE).withName("someone-elses").get());
    assertForbidden(() -> viewer.leases().inNamespace(NAMESPACE).list());
  }

  private static void assertForbidden(Runnable request) {
    assertThatThrownBy(request::run).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
  }

  /** The Role, ClusterRole and their bindings from deploy/, bound to the harness's user. */
  private static void grantDeployedRbac() throws Exception {
    List<HasMetadata> objects;
    try (InputStream yaml = Files.newInputStream(Path.of("..", "deploy", "webhook", "rbac.yaml"))) {
      objects = API.client().load(yaml).items();
    }
    for (HasMetadata o : objects) {
      if (o instanceof RoleBinding b) {
        b.setSubjects(List.of(USER));
      } else if (o instanceof ClusterRoleBinding b) {
        b.setSubjects(List.of(USER));
      }
      if (!o.getKind().startsWith("Cluster")) {
        o.getMetadata().setNamespace(NAMESPACE);
      }
      API.client().resource(o).create();
    }
  }
}
