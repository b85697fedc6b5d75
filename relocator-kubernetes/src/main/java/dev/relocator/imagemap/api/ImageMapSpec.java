package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The wire form of an ImageMap's spec: exact {@code from}/{@code to} pairs, optional rules, and
 * the pull secrets pods need for what this map relocates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageMapSpec {

  @Required
  private List<MapEntry> map = new ArrayList<>();
  private List<RewriteRuleSpec> rules;
  @JsonPropertyDescription("Secrets (in the pod's namespace) added to the imagePullSecrets of a pod whose"
      + " container this map relocates.")
  private List<LocalObjectReference> imagePullSecrets;

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public List<MapEntry> getMap() {
    return map;
  }

  public void setMap(List<MapEntry> map) {
    this.map = map;
  }

  public List<RewriteRuleSpec> getRules() {
    return rules;
  }

  public void setRules(List<RewriteRuleSpec> rules) {
    this.rules = rules;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageMapSpec other
        && Objects.equals(map, other.map)
        && Objects.equals(rules, other.rules)
        && Objects.equals(imagePullSecrets, other.imagePullSecrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(map, rules, imagePullSecrets);
  }
}
