package dev.relocator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.testing.TestTools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API server the extension starts is real: versioned, authenticating, authorizing, durable. */
class KubeApiServerIT {

  @RegisterExtension static final KubeApiServerExtension API = new KubeApiServerExtension();

  @Test
  void serverReportsTheVersionStampedAtBuildTime() {
    var version = API.client().getKubernetesVersion();

    assertThat(version.getGitVersion()).isEqualTo("v" + TestTools.KUBE_APISERVER_VERSION);
    assertThat(version.getMajor()).isEqualTo("1");
    assertThat(version.getMinor()).isEqualTo("20");
  }

  @Test
  void podInNamespaceWithDefaultServiceAccountIsStoredAndStaysPending() {
    API.server().createNamespace("pods");

    API.client().pods().inNamespace("pods").resource(pod("web", "registry.example/web:1.0")).create();

    Pod stored = API.client().pods().inNamespace("pods").withName("web").get();
    assertThat(stored.getSpec().getServiceAccountName()).isEqualTo("default");
    assertThat(stored.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1.0");
    // No scheduler and no kubelet run: the pod is never bound to a node.
    assertThat(stored.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(stored.getSpec().getNodeName()).isNull();
  }

  @Test
  void podIsRejectedWhenItsNamespaceHasNoServiceAccount() {
    API.client().namespaces().resource(namespace("no-account")).create();

    assertThatThrownBy(
            () -> API.client().pods().inNamespace("no-account").resource(pod("web", "web:1.0")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("serviceaccount");
  }

  @Test
  void rbacForbidsAnAuthenticatedUserWithoutBindings() {
    KubernetesClient viewer = API.server().client(API.server().viewerToken());

    assertThatThrownBy(() -> viewer.configMaps().inNamespace("default").list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("User \"viewer\" cannot list resource \"configmaps\"");
    assertThat(API.client().configMaps().inNamespace("default").list().getItems()).isNotNull();
  }

  @Test
  void unknownTokenIsUnauthorized() {
    KubernetesClient stranger = API.server().client("not-a-known-token");

    assertThatThrownBy(() -> stranger.namespaces().list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
  }

  @Test
  void updateWithStaleResourceVersionIsRejectedWithConflict() {
    API.server().createNamespace("conflicts");
    var configMaps = API.client().configMaps().inNamespace("conflicts");
    ConfigMap created = configMaps.resource(configMap("settings", "one")).create();
    configMaps.resource(new ConfigMapBuilder(created).withData(Map.of("value", "two")).build()).update();

    ConfigMap stale = new ConfigMapBuilder(created).withData(Map.of("value", "three")).build();

    assertThatThrownBy(() -> configMaps.resource(stale).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(configMaps.withName("settings").get().getData()).containsEntry("value", "two");
  }

  @Test
  void watchResumesAfterApiServerRestartWithoutLosingEvents() throws Exception {
    API.server().createNamespace("restart");
    var configMaps = API.client().configMaps().inNamespace("restart");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watcher<ConfigMap> recorder =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap resource) {
            events.add(action + " " + resource.getMetadata().getName());
          }

          @Override
          public void onClose(WatcherException cause) {
            events.add("CLOSED " + cause.getMessage());
          }
        };

    try (Watch ignored = configMaps.watch(recorder)) {
      configMaps.resource(configMap("before", "1")).create();
      assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED before");

      API.restartApiServer();
      // Written right after the restart, likely before the watch has reconnected: the watch
      // resumes from its last resourceVersion, so these must still arrive.
      configMaps.resource(configMap("after", "1")).create();
      configMaps.withName("before").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("value", "2")).build());

      List<String> afterRestart = new ArrayList<>();
      while (afterRestart.size() < 2) {
        String event = events.poll(60, TimeUnit.SECONDS);
        assertThat(event).as("events after the restart so far: %s", afterRestart).isNotNull();
        afterRestart.add(event);
      }
      assertThat(afterRestart).containsExactly("ADDED after", "MODIFIED before");
    }
  }

  static Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("value", value).build();
  }
}
