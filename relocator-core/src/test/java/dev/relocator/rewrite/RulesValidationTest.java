package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RulesValidationTest {

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of("", "rules.yaml: file is empty; expected a mapping with a \"rules\" list"),
        Arguments.of("rules: {}\n", "rules.yaml:1: rules: expected a list of rules"),
        Arguments.of("rule: []\n", "rules.yaml:1: rule: unknown field; the file holds only \"rules\"\n"
            + "rules.yaml:1: rules: missing; expected a list of rules"),
        Arguments.of("rules: [\n", "rules.yaml:2: not valid YAML: expected the node content, but found '<stream end>'"),
        Arguments.of("rules:\n- to: x.io\n",
            "rules.yaml:2: rules[0]: needs one of flatten, from, overwriteRegistry, prefix"),
        Arguments.of("rules:\n- prefix: docker.io\n  from: nginx\n  to: x.io\n",
            "rules.yaml:2: rules[0]: has prefix and from; a rule has exactly one kind"),
        Arguments.of("rules:\n- overwriteRegistry: 127.0.0.1:5000\n- prefix: docker.io/Library\n  to: x.io\n",
            "rules.yaml:3: rules[1].prefix: \"docker.io/Library\" is not a registry location: "
                + "repository name must be lowercase"),
        Arguments.of("rules:\n- prefix: docker.io\n", "rules.yaml:2: rules[0].to: missing"),
        Arguments.of("rules:\n- prefix: docker.io\n  to: myorg\n",
            "rules.yaml:3: rules[0].to: \"myorg\" does not start with a registry host:"
                + " a host needs a '.' or a port, or must be localhost"),
        Arguments.of("rules:\n- prefix: '*.example.com'\n  to: x.io\n",
            "rules.yaml:2: rules[0].prefix: \"*.example.com\": wildcard host prefixes are not supported;"
                + " use \"*\" for every registry or include globs"),
        Arguments.of("rules:\n- overwriteRegistry: 127.0.0.1:5000/x:1\n",
            "rules.yaml:2: rules[0].overwriteRegistry: \"127.0.0.1:5000/x:1\" must not carry a tag"),
        Arguments.of("rules:\n- overwriteRegistry: r.io\n  dropDigest: maybe\n",
            "rules.yaml:3: rules[0].dropDigest: expected true or false"),
        Arguments.of("rules:\n- overwriteRegistry: r.io\n  to: x.io\n",
            "rules.yaml:3: rules[0].to: not allowed in a overwriteRegistry rule"),
        Arguments.of("rules:\n- overwriteRegistry: r.io\n  colour: blue\n",
            "rules.yaml:3: rules[0].colour: unknown field"),
        Arguments.of("rules:\n- overwriteRegistry: r.io\n  dropdigest: true\n",
            "rules.yaml:3: rules[0].dropdigest: unknown field; did you mean dropDigest?"),
        Arguments.of("rules:\n- overwriteRegistri: r.io\n",
            "rules.yaml:2: rules[0]: needs one of flatten, from, overwriteRegistry, prefix;"
                + " did you mean overwriteRegistry instead of overwriteRegistri?"),
        Arguments.of("rules:\n- from: nginx\n  to: r.io/nginx:1\n",
            "rules.yaml:3: rules[0].to: \"r.io/nginx:1\" pins a tag or digest, but from"
                + " \"docker.io/library/nginx\" maps every tag and digest of its repository;"
                + " drop it, or add one to from"),
        Arguments.of("rules:\n- from: Nginx\n  to: r.io/nginx\n",
            "rules.yaml:2: rules[0].from: invalid reference \"Nginx\": repository name must be lowercase"),
        Arguments.of("rules:\n- flatten: r.io/flat\n",
            "rules.yaml:2: rules[0].flatten: expected a mapping with a prefix, such as {prefix: registry.example/flat}"),
        Arguments.of("rules:\n- flatten: {prefx: r.io}\n",
            "rules.yaml:2: rules[0].flatten.prefx: unknown field; flatten takes only prefix\n"
                + "rules.yaml:2: rules[0].flatten.prefix: missing"),
        Arguments.of("rules:\n- overwriteRegistry: r.io\n  include: ['']\n",
            "rules.yaml:3: rules[0].include[0]: a glob must not be empty"),
        Arguments.of("rules:\n- prefix: docker.io\n  to: r.io\n  server: registry.example\n",
            "rules.yaml:4: rules[0].server: \"registry.example\" must be an http:// or https:// URL"),
        // Errors and warnings in one run: the second rule is also one that can never match.
        Arguments.of("rules:\n- overwriteRegistry: r.io\n- overwriteRegistry: r.io\n  overwriteRegistry: s.io\n",
            "rules.yaml:3: rules[1]: warning: can never match: rules[0] (overwriteRegistry r.io) comes first and"
                + " matches every image this rule would match\n"
                + "rules.yaml:4: rules[1].overwriteRegistry: duplicate field"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalidFiles")
  void everyErrorNamesTheLineRuleIndexAndField(String yaml, String expected) {
    assertThat(RewriteRulesTest.errors(yaml)).isEqualTo(expected);
  }

  @Test
  void everyErrorOfAFileIsReportedAtOnce() {
    String yaml = """
        rules:
        - prefix: docker.io
        - overwriteRegistry: Bad_Host
        - from: nginx
          to: r.io/nginx
        - flatten: {prefix: ''}
        """;
    assertThat(RewriteRulesTest.errors(yaml).lines())
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).startsWith("rules.yaml:2: rules[0].to: missing"))
        .anySatisfy(l -> assertThat(l).startsWith("rules.yaml:3: rules[1].overwriteRegistry: "))
        .anySatisfy(l -> assertThat(l).startsWith("rules.yaml:6: rules[3].flatten.prefix: "));
  }

  static Stream<Arguments> shadowedRules() {
    return Stream.of(
        Arguments.of("- overwriteRegistry: r.io\n- flatten: {prefix: s.io/flat}\n",
            "rules.yaml:3: rules[1]: warning: can never match: rules[0] (overwriteRegistry r.io)"
                + " comes first and matches every image this rule would match"),
        Arguments.of("- prefix: docker.io\n  to: r.io/a\n- prefix: docker.io\n  to: r.io/b\n",
            "rules.yaml:4: rules[1]: warning: can never match: rules[0] (prefix docker.io)"
                + " comes first and matches every image this rule would match"),
        Arguments.of("- prefix: docker.io\n  to: r.io/a\n- from: nginx:1\n  to: r.io/n\n",
            "rules.yaml:4: rules[1]: warning: can never match: rules[0] (prefix docker.io)"
                + " comes first and matches every image this rule would match"),
        Arguments.of("- from: nginx\n  to: r.io/a\n- from: docker.io/library/nginx:1\n  to: r.io/n\n",
            "rules.yaml:4: rules[1]: warning: can never match: rules[0] (from docker.io/library/nginx)"
                + " comes first and matches every image this rule would match"),
        Arguments.of("- prefix: '*'\n  to: r.io\n- overwriteRegistry: s.io\n",
            "rules.yaml:4: rules[1]: warning: can never match: rules[0] (prefix *)"
                + " comes first and matches every image this rule would match"),
        Arguments.of("- from: nginx\n  to: r.io/n\n  exclude: docker.io\n",
            "rules.yaml:2: rules[0]: warning: can never match: its include/exclude globs reject its own"
                + " from \"docker.io/library/nginx\""));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("shadowedRules")
  void rulesThatCanNeverMatchAreWarnedAbout(String rules, String expected) {
    RewriteRules parsed = RewriteRules.parse("rules.yaml", "rules:\n" + rules);
    assertThat(parsed.warnings()).extracting(Diagnostic::toString).containsExactly(expected);
  }

  static Stream<Arguments> rulesThatStillMatch() {
    return Stream.of(
        Arguments.of("- prefix: docker.io\n  to: r.io/a\n- prefix: docker.io/library\n  to: r.io/b\n"),
        Arguments.of("- from: nginx:1\n  to: r.io/a\n- from: nginx\n  to: r.io/b\n"),
        Arguments.of("- overwriteRegistry: r.io\n  exclude: quay.io\n- flatten: {prefix: s.io/flat}\n"),
        Arguments.of("- prefix: '*'\n  to: r.io\n- from: nginx\n  to: r.io/n\n- prefix: docker.io/library\n  to: s.io\n"),
        Arguments.of("- prefix: docker.io\n  to: r.io/a\n  include: docker.io/bitnami/*\n- from: nginx\n  to: r.io/n\n"));
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("rulesThatStillMatch")
  void rulesThatCanStillMatchAreNotWarnedAbout(String rules) {
    assertThat(RewriteRules.parse("rules.yaml", "rules:\n" + rules).warnings()).isEmpty();
  }

  @Test
  void theBundledExampleIsValidAndWarningFree() throws java.io.IOException {
    RewriteRules rules = RewriteRules.load(java.nio.file.Path.of("../examples/rules.yaml"));
    assertThat(rules.warnings()).isEmpty();
    assertThat(rules.apply(dev.relocator.image.ImageReference.parse("registry.k8s.io/coredns/coredns:v1.11.1")))
        .hasToString("127.0.0.1:5000/example/coredns:v1.11.1");
    assertThat(rules.apply(dev.relocator.image.ImageReference.parse("alpine:3")))
        .hasToString("127.0.0.1:5000/official/alpine:3");
  }
}
