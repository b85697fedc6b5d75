package dev.relocator.rewrite;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each Kubernetes kind that runs pods keeps its pod spec: the one table the manifest
 * rewriter and {@code relocator audit} read, so both know the same kinds.
 */
public final class PodSpecPaths {
  private static final Map<String, List<String>> BY_KIND = Map.of(
      "Pod", List.of("spec"),
      "PodTemplate", List.of("template", "spec"),
      "Deployment", List.of("spec", "template", "spec"),
      "ReplicaSet", List.of("spec", "template", "spec"),
      "StatefulSet", List.of("spec", "template", "spec"),
      "DaemonSet", List.of("spec", "template", "spec"),
      "Job", List.of("spec", "template", "spec"),
      "ReplicationController", List.of("spec", "template", "spec"),
      "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

  private PodSpecPaths() {}

  /** The keys from an object of {@code kind} down to its pod spec, or null for a kind without one. */
  public static List<String> of(String kind) {
    return BY_KIND.get(kind);
  }

  /** Every kind with a pod spec. */
  public static Set<String> kinds() {
    return BY_KIND.keySet();
  }
}
