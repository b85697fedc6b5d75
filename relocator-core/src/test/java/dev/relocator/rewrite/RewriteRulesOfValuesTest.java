package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules given as values (an ImageMap's spec.rules) mean what the same rules mean in a file. */
class RewriteRulesOfValuesTest {

  private static Map<String, Object> rule(Object... keyValues) {
    Map<String, Object> rule = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      rule.put((String) keyValues[i], keyValues[i + 1]);
    }
    return rule;
  }

  @Test
  void valuesRewriteAsTheSameRulesFileDoes() {
    RewriteRules values = RewriteRules.of("spec", List.of(
        rule("overwriteRegistry", "reg.local:5000/mirror", "dropDigest", true, "exclude", List.of("reg.local:5000/**")),
        rule("flatten", Map.of("prefix", "flat.local/all"), "include", List.of("quay.io/**"))));
    RewriteRules file = RewriteRules.parse("rules.yaml", """
        rules:
          - overwriteRegistry: reg.local:5000/mirror
            dropDigest: true
            exclude: [reg.local:5000/**]
          - flatten: {prefix: flat.local/all}
            include: [quay.io/**]
        """);
    for (String image : List.of("nginx:1.25@sha256:" + "a".repeat(64), "quay.io/team/app:1", "reg.local:5000/x:1")) {
      ImageReference ref = ImageReference.parse(image);
      assertThat(values.apply(ref)).as(image).isEqualTo(file.apply(ref));
    }
    assertThat(values.rules()).hasSize(2);
  }

  @Test
  void valuesAreValidatedAsAFileIsWithoutLines() {
    assertThatThrownBy(() -> RewriteRules.of("spec", List.of(
            rule("overwriteRegistry", "reg.local"),
            rule("prefix", "quay.io", "dropDigest", true, "to", "reg.local/quay"))))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> {
          Diagnostic first = e.diagnostics().get(0);
          assertThat(first.path()).isEqualTo("rules[1].dropDigest");
          assertThat(first.message()).isEqualTo("not allowed in a prefix rule");
          assertThat(first.line()).isZero();
        });
  }
}
