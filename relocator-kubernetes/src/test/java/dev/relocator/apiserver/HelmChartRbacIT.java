package dev.relocator.apiserver;

import static dev.relocator.apiserver.ImageMapIT.awaitUntil;
import static dev.relocator.apiserver.ImageMaps.awaitReady;
import static dev.relocator.apiserver.ImageMaps.imageMap;
import static dev.relocator.deploy.RelocatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.deploy.RelocatorChart;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.ImageMapController;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Helm chart's ServiceAccount, roles and bindings, created as rendered on a real API server
 * with RBAC, are enough for the controller (watching, writing status, and acquiring, renewing and
 * releasing its Lease), and refuse what it does not need.
 */
class HelmChartRbacIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  private static final String LEASE = "relocator-imagemap-controller";

  @Test
  void controllerAsTheChartsServiceAccountWatchesMapsWritesTheirStatusAndHoldsItsLease() throws Exception {
    RelocatorChart.requireHelmJava();
    ImageMaps.installCrds(API.client());
    API.server().createNamespace(NAMESPACE);
    API.server().createNamespace("tenant");
    List<HasMetadata> rbac = RelocatorChart.objects(Map.of()).stream()
        .filter(o -> RBAC_KINDS.contains(o.getKind())).toList();
    // The controller's roles and the self-managed TLS roles, each with its binding, and the account.
    assertThat(rbac).hasSize(9);
    rbac.forEach(o -> API.client().resource(o).create());

    try (KubernetesClient account = impersonating("system:serviceaccount:" + NAMESPACE + ":relocator")) {
      ImageMapController controller = new ImageMapController(account, new ImageMapController.Settings(
          RejectedUpdate.KEEP, Duration.ofSeconds(30), true, NAMESPACE, LEASE, Clock.systemUTC()));
      try {
        controller.start();
        awaitUntil("the controller holds its Lease", controller::isWriter);
        API.client().resource(imageMap("tenant", "mirror", "nginx", "reg.local/nginx")).create();
        assertThat(awaitReady(API.client(), "tenant", "mirror", 1).getReason()).isEqualTo("Accepted");
        // Acquiring is a create; keeping the Lease needs renewals, which are a different verb.
        awaitUntil("the controller renewed its Lease", () -> {
          LeaseSpec spec = lease();
          return spec != null && spec.getRenewTime() != null && spec.getRenewTime().isAfter(spec.getAcquireTime());
        });
        assertThat(controller.isWriter()).isTrue();
      } finally {
        controller.close();
      }
      // Releasing on close shortens the Lease to one second, so a successor need not wait it out.
      awaitUntil("the controller released its Lease", () -> Integer.valueOf(1).equals(lease().getLeaseDurationSeconds()));

      assertForbidden(() -> account.resource(imageMap("tenant", "other", "redis", "reg.local/redis")).create());
      // fabric8's LeaseLock never PUTs the Lease: update is not granted, patch is.
      Lease held = account.leases().inNamespace(NAMESPACE).withName(LEASE).get();
      assertForbidden(() -> account.resource(held).update());
      assertForbidden(() -> account.leases().inNamespace(NAMESPACE).withName("someone-elses").get());
      assertForbidden(() -> account.leases().inNamespace("tenant").resource(lease(LEASE)).create());
      assertForbidden(() -> account.configMaps().inNamespace(NAMESPACE).list());
    }
  }

  private static void assertForbidden(Runnable request) {
    assertThatThrownBy(request::run).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
  }

  private static LeaseSpec lease() {
    Lease lease = API.client().leases().inNamespace(NAMESPACE).withName(LEASE).get();
    return lease == null ? null : lease.getSpec();
  }

  private static Lease lease(String name) {
    return new LeaseBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  /** The admin acting as {@code user}: RBAC then judges that user, as for a pod's own token. */
  private static KubernetesClient impersonating(String user) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(API.server().baseUrl())
        .withCaCertData(Base64.getEncoder().encodeToString(API.server().caPem().getBytes(StandardCharsets.US_ASCII)))
        .withOauthToken(API.server().adminToken())
        .withImpersonateUsername(user)
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
