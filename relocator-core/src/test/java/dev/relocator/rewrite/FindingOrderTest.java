package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.relocator.Diagnostic;
import org.junit.jupiter.api.Test;

/** Findings come in file order, so a user can fix them top to bottom. */
class FindingOrderTest {

  @Test
  void ruleErrorsAreInLineOrder() {
    String rules = "rules:\n- prefix: docker.io\n  to: 127.0.0.1:5000/x\n  skipVerify: yes\n  plainHttp: \"true\"\n"
        + "  include: [1, {a: b}]\n";
    InvalidRulesException e = catchThrowableOfType(InvalidRulesException.class, () -> RewriteRules.parse("r.yaml", rules));
    assertThat(e.diagnostics()).extracting(Diagnostic::line).isSorted().hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void manifestWarningsAreInLineOrder() {
    String manifest = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        + "  - name: b\n    image: \"${IMAGE}\"\n  - name: d\n    image: [x]\n  - name: e\n    image: \"\"\n";
    ManifestRewrite result = ManifestRewriter.rewrite("m.yaml", manifest,
        RewriteRules.parse("r.yaml", "rules:\n- overwriteRegistry: 127.0.0.1:5000\n"));
    assertThat(result.diagnostics()).extracting(Diagnostic::line).containsExactly(7, 9, 11);
  }
}
