package dev.relocator.imagemap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector matching, as the API server applies {@code namespaceSelector}. */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** Whether {@code labels} satisfy {@code selector}; a null or empty selector matches everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (e.getValue() == null || !e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!matches(r, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * What the API server would refuse in {@code selector} (a CRD's schema cannot say which
   * operators exist), as {@code spec.namespaceSelector.matchExpressions[i].field: problem}, or
   * null when it is fine or absent. Nulls where the schema wants a string or an object only come
   * from files (standalone mode): the API server refuses them.
   */
  public static String problem(LabelSelector selector) {
    if (selector == null) {
      return null;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (e.getValue() == null) {
          return "spec.namespaceSelector.matchLabels." + e.getKey() + ": expected a string";
        }
      }
    }
    if (selector.getMatchExpressions() == null) {
      return null;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      if (r == null) {
        return "spec.namespaceSelector.matchExpressions[" + i + "]: expected an object";
      }
      String at = "spec.namespaceSelector.matchExpressions[" + i + "].";
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      if (r.getKey() == null || r.getKey().isEmpty()) {
        return at + "key: is required";
      }
      if (r.getOperator() == null || r.getOperator().isEmpty()) {
        return at + "operator: is required";
      }
      switch (r.getOperator()) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            return at + "values: " + r.getOperator() + " needs at least one value";
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            return at + "values: " + r.getOperator() + " takes no values";
          }
        }
        default -> {
          return at + "operator: \"" + r.getOperator() + "\" is not In, NotIn, Exists or DoesNotExist";
        }
      }
    }
    return null;
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    if (r == null || r.getOperator() == null) {
      return false;
    }
    String value = r.getKey() == null ? null : labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      // An operator the API server would have refused: match nothing rather than everything.
      default -> false;
    };
  }
}
