package dev.relocator.policy;

import dev.relocator.imagemap.LabelSelectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An immutable snapshot of the policies in force: the ClusterImagePolicies, each for the
 * namespaces its selector matches, and each namespace's own ImagePolicies, which apply to that
 * namespace only (one tenant's policy never reaches another's pods).
 */
public final class PolicySet {

  /** No policies: every pod is unchecked. */
  public static final PolicySet EMPTY = new PolicySet(List.of(), ns -> Map.of());

  private final List<Policy> cluster = new ArrayList<>();
  private final Map<String, List<Policy>> namespaced = new HashMap<>();
  private final List<Policy> all;
  private final Function<String, Map<String, String>> namespaceLabels;

  /**
   * @param policies every valid policy
   * @param namespaceLabels a namespace's labels, empty when unknown; called per review
   */
  public PolicySet(List<Policy> policies, Function<String, Map<String, String>> namespaceLabels) {
    this.all = List.copyOf(policies);
    this.namespaceLabels = namespaceLabels;
    for (Policy p : all) {
      if (p.id().isCluster()) {
        cluster.add(p);
      } else {
        namespaced.computeIfAbsent(p.id().namespace(), k -> new ArrayList<>()).add(p);
      }
    }
  }

  /** The policies that apply to pods in {@code namespace}: the cluster's selected ones, then its own. */
  public List<Policy> forNamespace(String namespace) {
    List<Policy> own = namespaced.getOrDefault(namespace, List.of());
    if (cluster.isEmpty()) {
      return own;
    }
    Map<String, String> labels = namespaceLabels.apply(namespace);
    List<Policy> out = new ArrayList<>(cluster.size() + own.size());
    for (Policy p : cluster) {
      if (LabelSelectors.matches(p.namespaceSelector(), labels)) {
        out.add(p);
      }
    }
    out.addAll(own);
    return out;
  }

  /** Every policy in force. */
  public List<Policy> policies() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }
}
