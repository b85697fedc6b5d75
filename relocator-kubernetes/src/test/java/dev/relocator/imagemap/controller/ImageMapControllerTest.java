package dev.relocator.imagemap.controller;

import static dev.relocator.imagemap.Maps.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ImageMapControllerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesMockServer server;
  KubernetesClient client;
  private ControllerFixture fixture;
  private ImageMapController controller;

  @BeforeEach
  void installCrdsAndNamespaces() {
    fixture = new ControllerFixture(server, client);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("demo")
        .addToLabels("team", "a").endMetadata().build()).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other")
        .addToLabels("team", "b").endMetadata().build()).create();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void startController(RejectedUpdate policy, Duration retryDelay) {
    controller = fixture.closeAfter(
        new ImageMapController(client, ControllerFixture.settings(policy, retryDelay, Clock.systemUTC())));
    controller.start();
  }

  private ImageMap imageMap(String ns, String name, ImageMapSpec spec) {
    return fixture.createMap(ns, name, spec);
  }

  /** A ClusterImageMap selecting the namespaces labelled {@code team=a}. */
  private ClusterImageMap clusterImageMapForTeamA(String name, ImageMapSpec mappings) {
    ClusterImageMap m = new ClusterImageMap();
    m.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ClusterImageMapSpec spec = new ClusterImageMapSpec();
    spec.setMap(mappings.getMap());
    spec.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("team", "a").build());
    m.setSpec(spec);
    return client.resource(m).create();
  }

  private Condition readyOf(String ns, String name, long generation) {
    return await("Ready condition of " + ns + "/" + name + " for generation " + generation)
        .atMost(WAIT).ignoreExceptions().until(() -> {
      ImageMap m = fixture.get(ns, name);
      if (m == null || m.getStatus() == null || m.getStatus().getConditions() == null
          || m.getStatus().getConditions().isEmpty()
          || !Long.valueOf(generation).equals(m.getStatus().getObservedGeneration())) {
        return null;
      }
      return m.getStatus().getConditions().get(0);
    }, Objects::nonNull);
  }

  private Optional<String> served(String ns, String image) {
    return controller.catalog().forNamespace(ns).relocate(ImageReference.parse(image))
        .map(ImageReference::familiarString);
  }

  @Test
  void createdMapIsAcceptedAndServed() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    imageMap("demo", "app", wire("nginx", "reg.local/mirror/nginx"));
    Condition ready = readyOf("demo", "app", 1);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Accepted");
    await("mapping served")
        .atMost(WAIT).ignoreExceptions().until(() -> served("demo", "nginx:1.25").isPresent());
    assertThat(served("demo", "nginx:1.25")).contains("reg.local/mirror/nginx:1.25");
    assertThat(served("other", "nginx:1.25")).isEmpty();
  }

  @Test
  void conflictingMapIsRejectedUntilTheOtherIsDeleted() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    imageMap("demo", "first", wire("nginx", "reg.local/a/nginx"));
    readyOf("demo", "first", 1);
    imageMap("demo", "second", wire("nginx", "reg.local/b/nginx"));
    Condition rejected = readyOf("demo", "second", 1);
    assertThat(rejected.getStatus()).isEqualTo("False");
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    assertThat(rejected.getMessage()).contains("ImageMap demo/first", "nginx");
    client.resources(ImageMap.class).inNamespace("demo").withName("first").delete();
    await("second accepted after first deleted").atMost(WAIT).ignoreExceptions().until(
        () -> "True".equals(readyOf("demo", "second", 1).getStatus()));
    await("second's mapping served").atMost(WAIT).ignoreExceptions().until(
        () -> served("demo", "nginx:1").equals(Optional.of("reg.local/b/nginx:1")));
  }

  @Test
  void rejectedUpdateKeepsThePreviousSpecInForce() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    imageMap("demo", "first", wire("nginx", "reg.local/a/nginx"));
    imageMap("demo", "second", wire("redis", "reg.local/redis"));
    readyOf("demo", "first", 1);
    readyOf("demo", "second", 1);
    ImageMap second = fixture.get("demo", "second");
    second.setSpec(wire("nginx", "reg.local/b/nginx"));
    ImageMap updated = client.resource(second).update();
    long generation = updated.getMetadata().getGeneration();
    assertThat(generation).isEqualTo(2L);
    Condition rejected = readyOf("demo", "second", generation);
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    assertThat(rejected.getMessage()).contains("generation 1 stays in force");
    assertThat(served("demo", "redis:7")).contains("reg.local/redis:7");
    assertThat(served("demo", "nginx:1")).contains("reg.local/a/nginx:1");
  }

  @Test
  void rejectedUpdateWithUndeployRemovesThePreviousSpec() {
    startController(RejectedUpdate.UNDEPLOY, Duration.ofMinutes(1));
    imageMap("demo", "first", wire("nginx", "reg.local/a/nginx"));
    imageMap("demo", "second", wire("redis", "reg.local/redis"));
    readyOf("demo", "second", 1);
    ImageMap second = fixture.get("demo", "second");
    second.setSpec(wire("nginx", "reg.local/b/nginx"));
    client.resource(second).update();
    assertThat(readyOf("demo", "second", 2).getReason()).isEqualTo("Conflict");
    await("redis mapping removed")
        .atMost(WAIT).ignoreExceptions().until(() -> served("demo", "redis:7").isEmpty());
  }

  @Test
  void clusterMapAppliesToSelectedNamespacesAndConflictsWithTheirMaps() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    clusterImageMapForTeamA("base", wire("nginx", "reg.local/cluster/nginx"));
    Condition accepted = await("base accepted").atMost(WAIT).ignoreExceptions().until(() -> {
      ClusterImageMap m = client.resources(ClusterImageMap.class).withName("base").get();
      return m.getStatus() == null || m.getStatus().getConditions().isEmpty() ? null : m.getStatus().getConditions().get(0);
    }, Objects::nonNull);
    assertThat(accepted.getReason()).isEqualTo("Accepted");
    await("cluster mapping served in demo")
        .atMost(WAIT).ignoreExceptions().until(() -> served("demo", "nginx:1").isPresent());
    assertThat(served("demo", "nginx:1")).contains("reg.local/cluster/nginx:1");
    assertThat(served("other", "nginx:1")).isEmpty();

    imageMap("demo", "local", wire("nginx", "reg.local/local/nginx"));
    Condition conflict = readyOf("demo", "local", 1);
    assertThat(conflict.getReason()).isEqualTo("Conflict");
    assertThat(conflict.getMessage()).contains("ClusterImageMap base");
    imageMap("other", "local", wire("nginx", "reg.local/other/nginx"));
    assertThat(readyOf("other", "local", 1).getReason()).isEqualTo("Accepted");
  }

  @Test
  void invalidMapIsRejectedAsInvalid() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    imageMap("demo", "bad", wire("nginx", "docker.io/library/nginx"));
    Condition invalid = readyOf("demo", "bad", 1);
    assertThat(invalid.getReason()).isEqualTo("Invalid");
    assertThat(invalid.getMessage()).contains("maps to itself");
  }

  @Test
  void failedStatusWriteIsRetried() {
    server.expect().put().withPath("/apis/relocator.dev/v1alpha1/namespaces/demo/imagemaps/app/status")
        .andReturn(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409}")
        .once();
    startController(RejectedUpdate.KEEP, Duration.ofMillis(200));
    imageMap("demo", "app", wire("nginx", "reg.local/mirror/nginx"));
    assertThat(readyOf("demo", "app", 1).getReason()).isEqualTo("Accepted");
  }

  @Test
  void relabelledNamespaceGetsTheClusterMapsItNowMatches() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    clusterImageMapForTeamA("base", wire("busybox", "reg.local/cluster/busybox"));
    await("served in demo")
        .atMost(WAIT).ignoreExceptions().until(() -> served("demo", "busybox:1").isPresent());
    assertThat(served("other", "busybox:1")).isEmpty();
    client.namespaces().withName("other").edit(ns -> {
      ns.getMetadata().getLabels().put("team", "a");
      return ns;
    });
    await("served in other after relabelling")
        .atMost(WAIT).ignoreExceptions().until(() -> served("other", "busybox:1").isPresent());
  }

  @Test
  void rejectedMapIsCheckedAgainAfterTheRetryDelayWithoutAnyEvent() {
    startController(RejectedUpdate.KEEP, Duration.ofMillis(300));
    imageMap("demo", "first", wire("nginx", "reg.local/a/nginx"));
    readyOf("demo", "first", 1);
    // The server answers the next two status writes of "second" but stores neither, so no watch
    // event follows and the cache still shows no status: only the delayed re-check, rescheduled
    // after each pass that leaves a map rejected, writes the Conflict again.
    String answer = "{\"apiVersion\":\"relocator.dev/v1alpha1\",\"kind\":\"ImageMap\","
        + "\"metadata\":{\"name\":\"second\",\"namespace\":\"demo\"}}";
    server.expect().put().withPath("/apis/relocator.dev/v1alpha1/namespaces/demo/imagemaps/second/status")
        .andReturn(200, answer).times(2);
    imageMap("demo", "second", wire("nginx", "reg.local/b/nginx"));
    Condition rejected = readyOf("demo", "second", 1);
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    assertThat(rejected.getMessage()).contains("ImageMap demo/first");
  }

  private void relabel(String ns, String team) {
    client.namespaces().withName(ns).edit(n -> {
      n.getMetadata().getLabels().put("team", team);
      return n;
    });
  }

  private Condition awaitReason(String ns, String name, String reason) {
    return await(ns + "/" + name + " " + reason).atMost(WAIT).ignoreExceptions().until(() -> {
      Condition c = readyOf(ns, name, 1);
      return reason.equals(c.getReason()) ? c : null;
    }, Objects::nonNull);
  }

  @Test
  void namespaceRelabelledIntoAClusterMapsSelectorPutsTheNewerConflictingMapInConflictUntilUndone() {
    startController(RejectedUpdate.KEEP, Duration.ofMinutes(1));
    clusterImageMapForTeamA("base", wire("nginx", "reg.local/cluster/nginx"));
    await("cluster mapping served in demo")
        .atMost(WAIT).ignoreExceptions().until(() -> served("demo", "nginx:1").isPresent());
    imageMap("other", "local", wire("nginx", "reg.local/other/nginx"));
    awaitReason("other", "local", "Accepted");

    relabel("other", "a");
    Condition conflict = awaitReason("other", "local", "Conflict");
    assertThat(conflict.getStatus()).isEqualTo("False");
    assertThat(conflict.getMessage()).contains("ClusterImageMap base", "nginx", "no generation is in force");
    await("the cluster map's mapping served in other").atMost(WAIT).ignoreExceptions().until(
        () -> served("other", "nginx:1").equals(Optional.of("reg.local/cluster/nginx:1")));

    relabel("other", "b");
    awaitReason("other", "local", "Accepted");
    await("the ImageMap's mapping served in other again").atMost(WAIT).ignoreExceptions().until(
        () -> served("other", "nginx:1").equals(Optional.of("reg.local/other/nginx:1")));
    ClusterImageMap after = client.resources(ClusterImageMap.class).withName("base").get();
    assertThat(after.getStatus().getConditions().get(0).getReason()).isEqualTo("Accepted");
  }
}
