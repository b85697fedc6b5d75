package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds rules that can never match because an earlier rule takes every image they would take.
 * Selectors read only the repository name, so for an exact rule the first rule matching its
 * own {@code from} decides; prefix and catch-all rules are shadowed only by selector-free rules.
 */
final class ShadowCheck {
  private ShadowCheck() {}

  /** Warnings for shadowed rules; the index of each shadowed rule is added to {@code shadowed}. */
  static List<Diagnostic> check(String source, List<Rule> rules, RuleIndex index, java.util.Set<Integer> shadowed) {
    List<Diagnostic> warnings = new ArrayList<>();
    Rule firstCatchAll = null;
    Rule anyPrefix = null;
    int lastPrefix = -1;
    for (Rule rule : rules) {
      if (rule instanceof Rule.Prefix) {
        lastPrefix = rule.index();
      }
    }
    for (Rule rule : rules) {
      Rule by = null;
      if (rule instanceof Rule.Exact exact) {
        ImageReference probe = exact.from();
        if (probe.digest().isPresent()) {
          probe = probe.withoutTag();
        }
        if (!rule.selector().test(probe)) {
          warnings.add(warn(source, rule, "can never match: its include/exclude globs reject its own"
              + " from \"" + exact.from() + "\""));
          shadowed.add(rule.index());
          continue;
        }
        Rule first = index.find(probe);
        if (first != null && first.index() < rule.index()) {
          by = first;
        }
      } else if (rule instanceof Rule.Prefix prefix) {
        by = firstCatchAll;
        if (by == null) {
          for (Rule same : index.prefixRules(prefix.isAny() ? "" : prefix.prefix())) {
            if (same.index() < rule.index() && same.selector().isEmpty()) {
              by = same;
              break;
            }
          }
        }
        if (prefix.isAny() && prefix.selector().isEmpty() && anyPrefix == null) {
          anyPrefix = rule;
        }
      } else {
        by = firstCatchAll;
        if (by == null && anyPrefix != null && lastPrefix < rule.index()) {
          by = anyPrefix;
        }
        if (firstCatchAll == null && rule.selector().isEmpty()) {
          firstCatchAll = rule;
        }
      }
      if (by != null) {
        shadowed.add(rule.index());
        warnings.add(warn(source, rule, "can never match: " + by.label()
            + " comes first and matches every image this rule would match"));
      }
    }
    return warnings;
  }

  private static Diagnostic warn(String source, Rule rule, String message) {
    return Diagnostic.warning(source, rule.line(), "rules[" + rule.index() + "]", message);
  }
}
