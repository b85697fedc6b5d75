package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The wire form of an ImageMap's status. Besides the {@code Ready} condition it holds the entries
 * in force ({@code acceptedMap}, of generation {@code acceptedGeneration}): every webhook replica
 * serves exactly those, so a rejected update leaves the previously accepted mapping working. For a
 * ClusterImageMap that includes the namespaces it applies to ({@code acceptedNamespaceSelector}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageMapStatus {

  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private Long acceptedGeneration;
  private List<MapEntry> acceptedMap;
  private List<RewriteRuleSpec> acceptedRules;
  private LabelSelector acceptedNamespaceSelector;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** The generation whose spec is in force, or null when none has been accepted. */
  public Long getAcceptedGeneration() {
    return acceptedGeneration;
  }

  public void setAcceptedGeneration(Long acceptedGeneration) {
    this.acceptedGeneration = acceptedGeneration;
  }

  /** The entries in force, copied from the accepted spec. */
  public List<MapEntry> getAcceptedMap() {
    return acceptedMap;
  }

  public void setAcceptedMap(List<MapEntry> acceptedMap) {
    this.acceptedMap = acceptedMap;
  }

  /** The rewrite rules in force, copied from the accepted spec; null when it had none. */
  public List<RewriteRuleSpec> getAcceptedRules() {
    return acceptedRules;
  }

  public void setAcceptedRules(List<RewriteRuleSpec> acceptedRules) {
    this.acceptedRules = acceptedRules;
  }

  /**
   * A ClusterImageMap's namespace selector in force, copied from the accepted spec; empty (not
   * null) when it selects every namespace, null for ImageMaps and in statuses written before it
   * was recorded.
   */
  public LabelSelector getAcceptedNamespaceSelector() {
    return acceptedNamespaceSelector;
  }

  public void setAcceptedNamespaceSelector(LabelSelector acceptedNamespaceSelector) {
    this.acceptedNamespaceSelector = acceptedNamespaceSelector;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageMapStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(acceptedGeneration, s.acceptedGeneration)
        && Objects.equals(acceptedMap, s.acceptedMap)
        && Objects.equals(acceptedRules, s.acceptedRules)
        && Objects.equals(acceptedNamespaceSelector, s.acceptedNamespaceSelector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration, conditions, acceptedGeneration, acceptedMap, acceptedRules, acceptedNamespaceSelector);
  }
}
