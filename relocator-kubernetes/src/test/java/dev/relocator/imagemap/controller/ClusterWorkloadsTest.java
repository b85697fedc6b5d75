package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** The audit reads every kind that runs pods from the cluster, the older ones included. */
@EnableKubernetesMockClient(crud = true)
class ClusterWorkloadsTest {

  KubernetesClient client;

  @Test
  void replicationControllersAndPodTemplatesAreRead() {
    client.replicationControllers().inNamespace("shop").resource(new ReplicationControllerBuilder()
        .withNewMetadata().withName("legacy").withNamespace("shop").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec()
        .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    client.v1().podTemplates().inNamespace("batch").resource(new PodTemplateBuilder()
        .withNewMetadata().withName("job-base").withNamespace("batch").endMetadata()
        .withNewTemplate().withNewSpec()
        .addNewContainer().withName("run").withImage("busybox:1.36").endContainer()
        .endSpec().endTemplate().build()).create();

    assertThat(ClusterWorkloads.list(client))
        .extracting(w -> w.namespace() + " " + w.kind() + " " + w.name() + " " + w.podSpec().at("/containers/0/image").asText())
        .containsExactlyInAnyOrder("shop ReplicationController legacy nginx:1.27", "batch PodTemplate job-base busybox:1.36");
  }
}
