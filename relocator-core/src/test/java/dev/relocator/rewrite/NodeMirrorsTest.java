package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden files for containerd's hosts.toml and CRI-O's registries.conf. */
class NodeMirrorsTest {
  private static RewriteRules rules() {
    return RewriteRules.parse("rules.yaml", ManifestRewriterTest.resource("mirrors/rules.yaml"));
  }

  /** All files in one text, each under a {@code ### path} line, so golden names need no colons. */
  static String concatenated(NodeConfig config) {
    return config.files().entrySet().stream()
        .map(e -> "### " + e.getKey() + "\n" + e.getValue())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void containerdHostsMatchTheGoldenFiles() {
    NodeConfig config = ContainerdHosts.render(rules());
    assertThat(concatenated(config)).isEqualTo(ManifestRewriterTest.resource("mirrors/containerd.golden"));
    assertThat(config.files().keySet()).containsExactly("127.0.0.1:5000/hosts.toml", "[::1]:5000/hosts.toml",
        "_default/hosts.toml", "docker.io/hosts.toml", "quay.example/hosts.toml");
    assertThat(config.warnings()).extracting(Diagnostic::toString).containsExactly(
        "rules.yaml:2: rules[0]: warning: left out of containerd configuration: only prefix and"
            + " overwriteRegistry rules become mirrors",
        "rules.yaml:10: rules[3]: warning: left out of containerd configuration: containerd mirrors"
            + " whole registries, not paths below them",
        "rules.yaml:15: rules[5]: warning: left out of containerd configuration: only prefix and"
            + " overwriteRegistry rules become mirrors");
  }

  @Test
  void crioRegistriesMatchTheGoldenFile() {
    NodeConfig config = CrioRegistries.render(rules());
    assertThat(config.files().get(CrioRegistries.FILE))
        .isEqualTo(ManifestRewriterTest.resource("mirrors/registries.conf"));
    assertThat(config.warnings()).extracting(Diagnostic::message).containsExactly(
        "left out of CRI-O configuration: only prefix rules become registries.conf mirrors",
        "left out of CRI-O configuration: only prefix rules become registries.conf mirrors",
        "left out of CRI-O configuration: registries.conf has no catch-all prefix for every registry");
  }

  @Test
  void aSecondRuleForTheSameHostIsLeftOutWithAWarning() {
    RewriteRules rules = RewriteRules.parse("r.yaml", "rules:\n- overwriteRegistry: r.example\n"
        + "  include: docker.io\n- prefix: '*'\n  to: s.example\n  exclude: 127.0.0.1:5000\n"
        + "- overwriteRegistry: t.example\n");
    NodeConfig config = ContainerdHosts.render(rules);
    assertThat(config.files()).containsOnlyKeys("127.0.0.1:5000/hosts.toml", "_default/hosts.toml");
    assertThat(config.files().get("_default/hosts.toml")).contains("[host.\"https://s.example\"]");
    assertThat(config.warnings()).extracting(Diagnostic::message).containsExactly(
        "left out of containerd configuration: include globs cannot be expressed as mirrors",
        "left out of containerd configuration: rules[1] (prefix *) already configures _default");
  }

  @Test
  void shadowedRulesDoNotBecomeMirrors() {
    RewriteRules rules = RewriteRules.parse("r.yaml", "rules:\n- overwriteRegistry: r.example\n"
        + "- prefix: docker.io\n  to: s.example\n");
    assertThat(rules.isShadowed(1)).isTrue();
    assertThat(ContainerdHosts.render(rules).files()).containsOnlyKeys("_default/hosts.toml");
    assertThat(ContainerdHosts.render(rules).warnings()).isEmpty();
    assertThat(CrioRegistries.render(rules).files().get(CrioRegistries.FILE)).doesNotContain("[[registry]]");
  }
}
