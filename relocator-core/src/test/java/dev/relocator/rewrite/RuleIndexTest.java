package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The indexed lookup agrees with the rules' definition evaluated one rule at a time. */
class RuleIndexTest {
  private static final String DIGEST =
      "sha256:1e725169f37aec55908694840bc808fb13ebf02cb1765df225437c56a796f870";

  /** The definition: first in file order, where a prefix rule counts only if its prefix is the longest. */
  private static Rule linear(List<Rule> rules, ImageReference ref) {
    Rule.Prefix longest = null;
    for (Rule rule : rules) {
      if (rule instanceof Rule.Prefix p && p.matches(ref)
          && (longest == null || length(p) > length(longest))) {
        longest = p;
      }
    }
    for (Rule rule : rules) {
      if (rule instanceof Rule.Prefix) {
        if (rule == longest) {
          return rule;
        }
      } else if (rule.matches(ref)) {
        return rule;
      }
    }
    return null;
  }

  private static int length(Rule.Prefix p) {
    return p.isAny() ? 0 : p.prefix().length();
  }

  @Test
  void indexedLookupMatchesTheLinearDefinitionOnRandomRulesAndReferences() {
    Random random = new Random(7);
    String[] hosts = {"docker.io", "a.example", "b.example:5000", "[::1]:5000"};
    String[] paths = {"library/nginx", "library/alpine", "team/app", "team/app/sub", "x"};
    String[] tags = {"", ":1", ":2"};
    List<String> names = new ArrayList<>();
    for (String host : hosts) {
      for (String path : paths) {
        names.add(host + "/" + path);
      }
    }
    for (int round = 0; round < 200; round++) {
      StringBuilder yaml = new StringBuilder("rules:\n");
      int count = 1 + random.nextInt(8);
      for (int i = 0; i < count; i++) {
        String name = names.get(random.nextInt(names.size()));
        String selector = random.nextInt(4) == 0
            ? "  exclude: '" + hosts[random.nextInt(hosts.length)] + "'\n" : "";
        switch (random.nextInt(5)) {
          case 0 -> yaml.append("- from: '").append(name).append(tags[random.nextInt(tags.length)])
              .append("'\n  to: r.example/exact").append(i).append('\n');
          case 1 -> yaml.append("- from: '").append(name).append('@').append(DIGEST)
              .append("'\n  to: r.example/digest").append(i).append('\n');
          case 2 -> yaml.append("- prefix: '").append(random.nextBoolean() ? hosts[random.nextInt(hosts.length)]
              : name.substring(0, name.lastIndexOf('/'))).append("'\n  to: r.example/p").append(i).append('\n');
          case 3 -> yaml.append("- prefix: '*'\n  to: r.example/any").append(i).append('\n');
          default -> yaml.append("- overwriteRegistry: r.example/o").append(i).append('\n');
        }
        yaml.append(selector);
      }
      RewriteRules rules = RewriteRules.parse("random.yaml", yaml.toString());
      for (String name : names) {
        for (String suffix : List.of("", ":1", ":2", "@" + DIGEST, ":1@" + DIGEST)) {
          ImageReference ref = ImageReference.parse(name + suffix);
          Rule expected = linear(rules.rules(), ref);
          assertThat(rules.rewrite(ref).rule().orElse(null)).as("%s with\n%s", ref, yaml).isSameAs(expected);
        }
      }
    }
  }
}
