package dev.relocator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.rewrite.PodSpecPaths;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pod or a workload with a pod template, as the audit reads it from a manifest or the API
 * server: where its pod spec is, nothing else.
 *
 * @param namespace the namespace ({@code default} when a manifest names none)
 * @param kind {@code Pod}, {@code Deployment}, ... ({@link PodSpecPaths#kinds()})
 * @param name the object's name
 * @param podSpec the pod spec (a Pod's {@code spec}, a workload's template spec)
 */
public record Workload(String namespace, String kind, String name, JsonNode podSpec) {

  /** The kinds whose objects own the pods, ReplicaSets and Jobs they create. */
  private static final Set<String> CONTROLLERS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
      "Job", "CronJob", "ReplicationController");

  /** The kinds the audit reads: every kind with a pod spec, as the manifest rewriter knows them. */
  public static Set<String> kinds() {
    return PodSpecPaths.kinds();
  }

  /**
   * The workload {@code object} is, or empty for another kind, one without a pod spec, or one a
   * listed controller owns (its owner's template is audited instead, so a Deployment's pods are
   * one row per container, not one per replica).
   */
  public static Optional<Workload> of(JsonNode object) {
    String kind = object.path("kind").asText("");
    List<String> path = PodSpecPaths.of(kind);
    if (path == null) {
      return Optional.empty();
    }
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false) && CONTROLLERS.contains(owner.path("kind").asText())) {
        return Optional.empty();
      }
    }
    JsonNode spec = object;
    for (String p : path) {
      spec = spec.path(p);
    }
    if (!spec.isObject()) {
      return Optional.empty();
    }
    String ns = object.path("metadata").path("namespace").asText("");
    return Optional.of(new Workload(ns.isEmpty() ? "default" : ns, kind,
        object.path("metadata").path("name").asText(""), spec));
  }
}
