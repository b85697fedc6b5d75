package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first matching rule without scanning them all: exact rules are in hash maps by
 * repository, by repository and tag, and by repository and digest; prefix rules are in a hash
 * map probed at each component boundary of the name, longest first; only the rules that match
 * every image (overwrite, flatten) are scanned, and only those before the best indexed match.
 */
final class RuleIndex {
  private static final Rule[] NONE = new Rule[0];

  private final Map<String, Rule[]> byRepository;
  private final Map<String, Rule[]> byTag;
  private final Map<String, Rule[]> byDigest;
  /** Prefix rules by prefix text; {@code *} is stored under the empty key. */
  private final Map<String, Rule[]> byPrefix;
  private final Rule[] catchAll;
  /** The lengths of the prefixes, so a boundary no prefix can have costs no substring. */
  private final java.util.BitSet prefixLengths = new java.util.BitSet();

  RuleIndex(List<Rule> rules) {
    Map<String, List<Rule>> repository = new LinkedHashMap<>();
    Map<String, List<Rule>> tag = new LinkedHashMap<>();
    Map<String, List<Rule>> digest = new LinkedHashMap<>();
    Map<String, List<Rule>> prefix = new LinkedHashMap<>();
    List<Rule> all = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule instanceof Rule.Exact exact) {
        ImageReference from = exact.from();
        if (from.digest().isPresent()) {
          add(digest, from.name() + "@" + from.digest().get(), rule);
        } else if (from.tag().isPresent()) {
          add(tag, from.name() + ":" + from.tag().get(), rule);
        } else {
          add(repository, from.name(), rule);
        }
      } else if (rule instanceof Rule.Prefix p) {
        add(prefix, p.isAny() ? "" : p.prefix(), rule);
      } else {
        all.add(rule);
      }
    }
    this.byRepository = freeze(repository);
    this.byTag = freeze(tag);
    this.byDigest = freeze(digest);
    this.byPrefix = freeze(prefix);
    prefix.keySet().forEach(p -> prefixLengths.set(p.length()));
    this.catchAll = all.toArray(NONE);
  }

  /** The first rule, in file order, that matches {@code ref}, or null. */
  Rule find(ImageReference ref) {
    String name = ref.name();
    Rule best = null;
    if (!byRepository.isEmpty()) {
      best = earlier(best, first(byRepository.get(name), ref));
    }
    if (!byTag.isEmpty() && ref.tag().isPresent()) {
      best = earlier(best, first(byTag.get(name + ":" + ref.tag().get()), ref));
    }
    if (!byDigest.isEmpty() && ref.digest().isPresent()) {
      best = earlier(best, first(byDigest.get(name + "@" + ref.digest().get()), ref));
    }
    if (!byPrefix.isEmpty()) {
      best = earlier(best, longestPrefix(name, ref));
    }
    int limit = best == null ? Integer.MAX_VALUE : best.index();
    for (Rule rule : catchAll) {
      if (rule.index() >= limit) {
        break;
      }
      if (rule.selector().test(ref)) {
        return rule;
      }
    }
    return best;
  }

  /**
   * The prefix rule with the longest prefix of {@code name} on a component boundary whose
   * selector lets {@code ref} through; {@code *} last. Selectors only read the name, so the
   * answer is the same for every tag and digest of a repository.
   */
  Rule longestPrefix(String name, ImageReference ref) {
    int end = name.length();
    while (end > 0) {
      if (prefixLengths.get(end)) {
        Rule found = first(byPrefix.get(name.substring(0, end)), ref);
        if (found != null) {
          return found;
        }
      }
      end = name.lastIndexOf('/', end - 1);
    }
    return first(byPrefix.get(""), ref);
  }

  /** Every prefix rule, for the shadowing check. */
  List<Rule> prefixRules(String prefix) {
    Rule[] rules = byPrefix.get(prefix);
    return rules == null ? List.of() : List.of(rules);
  }

  private static Rule first(Rule[] candidates, ImageReference ref) {
    if (candidates == null) {
      return null;
    }
    for (Rule rule : candidates) {
      if (rule.selector().test(ref)) {
        return rule;
      }
    }
    return null;
  }

  private static Rule earlier(Rule a, Rule b) {
    if (a == null) {
      return b;
    }
    return b == null || a.index() < b.index() ? a : b;
  }

  private static void add(Map<String, List<Rule>> map, String key, Rule rule) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
  }

  private static Map<String, Rule[]> freeze(Map<String, List<Rule>> map) {
    Map<String, Rule[]> out = new HashMap<>(Math.max(16, map.size() * 2));
    map.forEach((key, rules) -> out.put(key, rules.toArray(NONE)));
    return out;
  }
}
