package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.rewrite.RewriteException;
import dev.relocator.rewrite.RewriteRules;
import dev.relocator.rewrite.Rule;

/**
 * The check an ImageMap's rules need beyond the rewrite engine's own validation: the webhook
 * reinvokes itself, so rules must leave their own output alone.
 */
final class RuleSet {

  /** A name under {@code target} that no sensible rule excludes, to test re-relocation. */
  private static final String PROBE = "relocator-probe/image:probe";

  private RuleSet() {}

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
