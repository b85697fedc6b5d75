package dev.relocator.imagemap;

import dev.relocator.rewrite.RewriteRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A map's rewrite rules, validated, with the field values they were built from: those are what a
 * status records and what two rule sets are compared by (the engine's rules have no equality).
 *
 * @param rewrite the validated rules
 * @param fields one map per rule, from field name to a string, boolean, list or map
 */
public record MapRules(RewriteRules rewrite, List<Map<String, Object>> fields) {

  public MapRules {
    Objects.requireNonNull(rewrite, "rewrite");
    fields = List.copyOf(fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapRules other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }
}
