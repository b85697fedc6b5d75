package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteRulesFollowedByTest {
  @Test
  void theOtherRulesComeAfterRenumberedAndTheFirstMatchStillWins() {
    RewriteRules mine = RewriteRules.parse("rules.yaml", """
        rules:
        - from: docker.io/library/nginx
          to: registry.internal:5000/pinned/nginx
        - overwriteRegistry: registry.internal:5000/all
          include: quay.io/**
        """);
    RewriteRules more = RewriteRules.of("target", List.of(Map.of("prefix", "docker.io", "to", "registry.internal:5000/hub")));
    RewriteRules both = mine.followedBy("rules.yaml and target", more);
    assertThat(both.source()).isEqualTo("rules.yaml and target");
    assertThat(both.rules()).extracting(Rule::index).containsExactly(0, 1, 2);
    assertThat(both.rules().get(2).label()).isEqualTo("rules[2] (prefix docker.io)");
    assertThat(both.apply(ImageReference.parse("nginx:1.27"))).hasToString("registry.internal:5000/pinned/nginx:1.27");
    assertThat(both.apply(ImageReference.parse("busybox:1.36"))).hasToString("registry.internal:5000/hub/library/busybox:1.36");
    assertThat(both.apply(ImageReference.parse("quay.io/a/b:1"))).hasToString("registry.internal:5000/all/a/b:1");
    assertThat(both.warnings()).isEmpty();
  }
}
