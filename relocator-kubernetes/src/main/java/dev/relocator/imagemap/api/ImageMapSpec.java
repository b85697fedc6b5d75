package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The wire form of an ImageMap's spec: exact {@code from}/{@code to} pairs and optional rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageMapSpec {

  @Required
  private List<MapEntry> map = new ArrayList<>();
  private List<RewriteRuleSpec> rules;

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
        && Objects.equals(rules, other.rules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(map, rules);
  }
}
