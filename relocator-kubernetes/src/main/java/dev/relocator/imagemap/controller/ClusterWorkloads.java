package dev.relocator.imagemap.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.audit.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/** The pods and workloads of every namespace of a cluster, as {@code relocator audit} reads them. */
public final class ClusterWorkloads {

  private ClusterWorkloads() {}

  /** CronJobs from batch/v1, or from batch/v1beta1 on a cluster before Kubernetes 1.21. */
  private static List<? extends HasMetadata> cronJobs(KubernetesClient client) {
    try {
      return client.batch().v1().cronjobs().inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return client.batch().v1beta1().cronjobs().inAnyNamespace().list().getItems();
    }
  }

  /**
   * Pods, PodTemplates, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers,
   * Jobs and CronJobs, owned ones left out.
   */
  public static List<Workload> list(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.pods().inAnyNamespace().list().getItems());
    objects.addAll(client.v1().podTemplates().inAnyNamespace().list().getItems());
    objects.addAll(client.replicationControllers().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    objects.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    objects.addAll(client.batch().v1().jobs().inAnyNamespace().list().getItems());
    objects.addAll(cronJobs(client));
    List<Workload> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      // The list items carry no kind: the serialised object gets it from its class.
      JsonNode tree = client.getKubernetesSerialization().convertValue(o, JsonNode.class);
      Workload.of(tree).ifPresent(out::add);
    }
    return out;
  }
}
