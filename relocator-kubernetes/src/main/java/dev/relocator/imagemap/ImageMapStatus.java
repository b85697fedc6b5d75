package dev.relocator.imagemap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The wire form of an ImageMap's status. Besides the {@code Ready} condition it holds the entries
 * in force ({@code acceptedMap}, of generation {@code acceptedGeneration}): every webhook replica
 * serves exactly those, so a rejected update leaves the previously accepted mapping working.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageMapStatus {

  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private Long acceptedGeneration;
  private List<MapEntry> acceptedMap;
  private List<RewriteRuleSpec> acceptedRules;

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

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageMapStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(acceptedGeneration, s.acceptedGeneration)
        && Objects.equals(acceptedMap, s.acceptedMap)
        && Objects.equals(acceptedRules, s.acceptedRules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, acceptedGeneration, acceptedMap, acceptedRules);
  }
}
