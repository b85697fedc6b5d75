package dev.relocator.imagemap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.imagemap.api.RewriteRuleSpec;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteException;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.Rule;
import java.util.List;
import java.util.Map;

/**
 * The bridge from {@code spec.rules} to the rewrite engine: the rules are handed to its parser as
 * a rules file, so an ImageMap's rules mean exactly what they mean everywhere else.
 */
final class RuleSet {

  private static final ObjectMapper JSON =
      new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  /** A name under {@code target} that no sensible rule excludes, to test re-relocation. */
  private static final String PROBE = "relocator-probe/image:probe";

  private RuleSet() {}

  /** The parsed rules; throws {@link InvalidRulesException} with every finding. */
  static RewriteRules parse(String source, List<RewriteRuleSpec> rules) {
    String text;
    try {
      text = JSON.writeValueAsString(Map.of("rules", rules));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serialising rule POJOs cannot fail", e);
    }
    return RewriteRules.parse(source, text);
  }

  /** The rules, or null when they no longer parse (a map accepted by an older version). */
  static RewriteRules parseLenient(String source, List<RewriteRuleSpec> rules) {
    if (rules == null || rules.isEmpty()) {
      return null;
    }
    try {
      return parse(source, rules);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The first error as an {@code Invalid} message, with the spec's field path. */
  static String firstError(InvalidRulesException e) {
    return e.diagnostics().stream()
        .filter(Diagnostic::isError)
        .findFirst()
        .map(d -> "spec." + d.path() + ": " + d.message())
        .orElse("spec.rules: " + e.getMessage());
  }

  /**
   * Why the rules would relocate their own output again, or null. The webhook must be
   * idempotent, so an image a rule moves under its target must be left alone by every rule:
   * typically an {@code overwriteRegistry} needs {@code exclude} of its own target.
   */
  static String reRelocation(RewriteRules rules) {
    for (Rule rule : rules.rules()) {
      String target = null;
      if (rule instanceof Rule.OverwriteRegistry || rule instanceof Rule.Flatten) {
        target = rule.subject();
      } else if (rule instanceof Rule.Prefix p) {
        target = p.target();
      }
      ImageReference probe;
      if (rule instanceof Rule.Exact x) {
        probe = x.to();
      } else {
        try {
          probe = ImageReference.parse(target + "/" + PROBE);
        } catch (InvalidReferenceException e) {
          continue;
        }
      }
      try {
        var again = rules.rewrite(probe);
        if (again.rule().isPresent() && again.changed()) {
          return "spec.rules[" + index(rules, again.rule().get()) + "] relocates what spec.rules["
              + index(rules, rule) + "] produces (\"" + probe.familiarString() + "\" would become \""
              + again.output().familiarString() + "\"); add exclude: "
              + (target == null ? probe.familiarName() : target) + " to it";
        }
      } catch (RewriteException e) {
        return "spec.rules[" + index(rules, rule) + "]: " + e.getMessage();
      }
    }
    return null;
  }

  private static int index(RewriteRules rules, Rule rule) {
    return rules.rules().indexOf(rule);
  }
}
