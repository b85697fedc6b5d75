package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriteRulesTest {
  private static final String DIGEST =
      "sha256:1e725169f37aec55908694840bc808fb13ebf02cb1765df225437c56a796f870";

  private static String rewrite(String rulesYaml, String input) {
    return RewriteRules.parse("rules.yaml", rulesYaml).apply(ImageReference.parse(input)).toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "docker.io/flannel/flannel:v0.24.4, 127.0.0.1:5000/example/flannel/flannel:v0.24.4",
    "alpine:3, 127.0.0.1:5000/example/library/alpine:3",
    "quay.io/calico/cni:v3.32.0, 127.0.0.1:5000/example/calico/cni:v3.32.0",
    "registry.k8s.io/coredns/coredns:v1.11.1, 127.0.0.1:5000/example/coredns:v1.11.1",
    "registry.k8s.io/kube-apiserver:v1.30.0, 127.0.0.1:5000/example/kube-apiserver:v1.30.0",
    "registry.k8s.io/coredns/coredns-extra:v1, 127.0.0.1:5000/example/coredns/coredns-extra:v1",
    "k8s.gcr.io/coredns/coredns:v1.8.4, 127.0.0.1:5000/example/coredns:v1.8.4",
    "quay.example/coredns/coredns:v1.8.4, 127.0.0.1:5000/example/coredns/coredns:v1.8.4",
    "nginx@" + DIGEST + ", 127.0.0.1:5000/example/library/nginx@" + DIGEST,
    "nginx:1.25@" + DIGEST + ", 127.0.0.1:5000/example/library/nginx:1.25@" + DIGEST,
    "localhost:5000/team/app:1, 127.0.0.1:5000/example/team/app:1",
    "[::1]:5000/team/app:1, 127.0.0.1:5000/example/team/app:1",
    "busybox, 127.0.0.1:5000/example/library/busybox",
  })
  void overwriteRegistryReplacesTheRegistryAndKeepsPathTagAndDigest(String input, String expected) {
    assertThat(rewrite("rules:\n- overwriteRegistry: 127.0.0.1:5000/example\n", input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'[::1]:5000', quay.io/calico/cni:v3.32.0, '[::1]:5000/calico/cni:v3.32.0'",
    "'[fe80::1]', alpine:3, '[fe80::1]/library/alpine:3'",
    "registry.example:443, registry.k8s.io/coredns/coredns:v1.11.1, registry.example:443/coredns:v1.11.1",
    "localhost, registry.k8s.io/pause:3.9, localhost/pause:3.9",
  })
  void overwriteRegistryAcceptsPortsIpv6AndLocalhostTargets(String target, String input, String expected) {
    assertThat(rewrite("rules:\n- overwriteRegistry: '" + target + "'\n", input)).isEqualTo(expected);
  }

  @Test
  void corednsQuirkCanBeTurnedOff() {
    String rules = "rules:\n- overwriteRegistry: 127.0.0.1:5000\n  corednsQuirk: false\n";
    assertThat(rewrite(rules, "registry.k8s.io/coredns/coredns:v1.11.1"))
        .isEqualTo("127.0.0.1:5000/coredns/coredns:v1.11.1");
  }

  @Test
  void dropDigestRemovesTheDigestAsKubeOneDoes() {
    String rules = "rules:\n- overwriteRegistry: 127.0.0.1:5000\n  dropDigest: true\n";
    assertThat(rewrite(rules, "nginx:1.25@" + DIGEST)).isEqualTo("127.0.0.1:5000/library/nginx:1.25");
  }

  private static final String PREFIXES = """
      rules:
      - prefix: docker.io
        to: 127.0.0.1:5000/hub
      - prefix: docker.io/library
        to: 127.0.0.1:5000/official
      - prefix: quay.io/calico/cni
        to: 127.0.0.1:5000/calico-cni
      - prefix: '[::1]:5000'
        to: 127.0.0.1:5000/v6
      - prefix: "*"
        to: 127.0.0.1:5000/other
      """;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx:1.25, 127.0.0.1:5000/official/nginx:1.25",
    "docker.io/library/nginx@" + DIGEST + ", 127.0.0.1:5000/official/nginx@" + DIGEST,
    "docker.io/libraryx/nginx:1, 127.0.0.1:5000/hub/libraryx/nginx:1",
    "bitnami/redis:7, 127.0.0.1:5000/hub/bitnami/redis:7",
    "quay.io/calico/cni:v3.32.0, 127.0.0.1:5000/calico-cni:v3.32.0",
    "quay.io/calico/cni/sub:v1, 127.0.0.1:5000/calico-cni/sub:v1",
    "quay.io/calico/cnix:v1, 127.0.0.1:5000/other/calico/cnix:v1",
    "'[::1]:5000/a/b:1', 127.0.0.1:5000/v6/a/b:1",
    "registry.k8s.io/pause:3.9, 127.0.0.1:5000/other/pause:3.9",
  })
  void prefixRulesMatchTheLongestPrefixOnComponentBoundaries(String input, String expected) {
    assertThat(rewrite(PREFIXES, input)).isEqualTo(expected);
  }

  private static final String EXACT = """
      rules:
      - from: nginx:1.25
        to: 127.0.0.1:5000/pinned/nginx:stable
      - from: docker.io/library/nginx
        to: 127.0.0.1:5000/mirror/nginx
      - from: quay.io/calico/cni@%s
        to: 127.0.0.1:5000/cni
      """.formatted(DIGEST);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx:1.25, 127.0.0.1:5000/pinned/nginx:stable",
    "nginx:1.25@" + DIGEST + ", 127.0.0.1:5000/pinned/nginx:stable@" + DIGEST,
    "nginx:1.26, 127.0.0.1:5000/mirror/nginx:1.26",
    "docker.io/nginx:1.26, 127.0.0.1:5000/mirror/nginx:1.26",
    "index.docker.io/library/nginx, 127.0.0.1:5000/mirror/nginx",
    "nginx@" + DIGEST + ", 127.0.0.1:5000/mirror/nginx@" + DIGEST,
    "quay.io/calico/cni:v3@" + DIGEST + ", 127.0.0.1:5000/cni:v3@" + DIGEST,
    "quay.io/calico/cni:v3, quay.io/calico/cni:v3",
    "docker.io/library/nginx-other:1, docker.io/library/nginx-other:1",
  })
  void exactRulesFollowTheImageMapperInvariant(String input, String expected) {
    assertThat(rewrite(EXACT, input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "alpine:3, docker.io/myuser/library-alpine-%s:3",
    "quay.io/calico/cni:v3@" + DIGEST + ", docker.io/myuser/calico-cni-%s:v3@" + DIGEST,
  })
  void flattenWithAPrefixWithoutRegistryYieldsCanonicalDockerHubNames(String input, String expected) {
    ImageReference ref = ImageReference.parse(input);
    String hash = Flattener.md5Hex(ref.name());
    assertThat(rewrite("rules:\n- flatten: {prefix: myuser}\n", input)).isEqualTo(expected.formatted(hash));
  }

  @Test
  void firstMatchingRuleWinsInFileOrder() {
    String rules = """
        rules:
        - from: nginx
          to: 127.0.0.1:5000/special/nginx
        - overwriteRegistry: 127.0.0.1:5000
        - from: alpine
          to: 127.0.0.1:5000/never/alpine
        """;
    RewriteRules parsed = RewriteRules.parse("rules.yaml", rules);
    Rewrite nginx = parsed.rewrite(ImageReference.parse("nginx:1"));
    Rewrite alpine = parsed.rewrite(ImageReference.parse("alpine:3"));
    assertThat(nginx.output()).hasToString("127.0.0.1:5000/special/nginx:1");
    assertThat(nginx.rule()).map(Rule::index).contains(0);
    assertThat(alpine.output()).hasToString("127.0.0.1:5000/library/alpine:3");
    assertThat(alpine.rule()).map(Rule::index).contains(1);
    assertThat(parsed.warnings()).extracting(Diagnostic::toString).containsExactly(
        "rules.yaml:5: rules[2]: warning: can never match: rules[1] (overwriteRegistry 127.0.0.1:5000)"
            + " comes first and matches every image this rule would match");
  }

  @Test
  void locationsAreNormalisedLikeReferences() {
    RewriteRules rules = RewriteRules.parse("rules.yaml", "rules:\n- prefix: index.docker.io/library\n"
        + "  to: 127.0.0.1:5000/official\n");
    assertThat(((Rule.Prefix) rules.rules().get(0)).prefix()).isEqualTo("docker.io/library");
    assertThat(rules.apply(ImageReference.parse("nginx"))).hasToString("127.0.0.1:5000/official/nginx");
  }

  @Test
  void noMatchingRuleLeavesTheNormalisedInput() {
    RewriteRules parsed = RewriteRules.parse("rules.yaml", "rules:\n- prefix: quay.io\n  to: 127.0.0.1:5000/q\n");
    Rewrite rewrite = parsed.rewrite(ImageReference.parse("nginx"));
    assertThat(rewrite.rule()).isEmpty();
    assertThat(rewrite.changed()).isFalse();
    assertThat(rewrite.output()).hasToString("docker.io/library/nginx");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "exclude: '127.0.0.1:5000', 127.0.0.1:5000/library/nginx:1, 127.0.0.1:5000/library/nginx:1",
    "exclude: '127.0.0.1:5000', nginx:1, 127.0.0.1:5000/library/nginx:1",
    "include: 'docker.io/library/*', nginx:1, 127.0.0.1:5000/library/nginx:1",
    "include: 'docker.io/library/*', bitnami/redis:7, docker.io/bitnami/redis:7",
    "include: '*.io', quay.io/calico/cni:v3, 127.0.0.1:5000/calico/cni:v3",
    "include: 'quay.io/**', quay.io/calico/cni:v3, 127.0.0.1:5000/calico/cni:v3",
    "include: 'quay.io/*', quay.io/calico/cni:v3, quay.io/calico/cni:v3",
    "'exclude: [docker.io, quay.io]', quay.io/calico/cni:v3, quay.io/calico/cni:v3",
    "exclude: 'docker.io/library/ngin?', nginx:1, docker.io/library/nginx:1",
  })
  void selectorsNarrowARuleByRegistryOrRepositoryGlob(String selector, String input, String expected) {
    String rules = "rules:\n- overwriteRegistry: 127.0.0.1:5000\n  " + selector + "\n";
    assertThat(rewrite(rules, input)).isEqualTo(expected);
  }

  @Test
  void selectorFallsThroughToTheNextRule() {
    String rules = """
        rules:
        - prefix: docker.io
          to: 127.0.0.1:5000/hub
          exclude: docker.io/library/**
        - overwriteRegistry: 127.0.0.1:5000/rest
        """;
    assertThat(rewrite(rules, "nginx:1")).isEqualTo("127.0.0.1:5000/rest/library/nginx:1");
    assertThat(rewrite(rules, "bitnami/redis:7")).isEqualTo("127.0.0.1:5000/hub/bitnami/redis:7");
  }

  @Test
  void prefixWithoutPathLeftFailsWithTheRuleAndInput() {
    RewriteRules rules = RewriteRules.parse("rules.yaml",
        "rules:\n- prefix: docker.io/library/nginx\n  to: 127.0.0.1:5000\n");
    assertThatThrownBy(() -> rules.apply(ImageReference.parse("nginx:1")))
        .isInstanceOf(RewriteException.class)
        .hasMessageContaining("rules[0] (prefix docker.io/library/nginx)")
        .hasMessageContaining("docker.io/library/nginx:1");
  }

  static String errors(String yaml) {
    try {
      RewriteRules.parse("rules.yaml", yaml);
      return "(valid)";
    } catch (InvalidRulesException e) {
      return e.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
  }
}
