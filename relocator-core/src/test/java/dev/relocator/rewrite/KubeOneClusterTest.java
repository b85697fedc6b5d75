package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KubeOne cluster files read as rules: the registry overwrite, its CoreDNS quirk, mirrors, versions. */
class KubeOneClusterTest {

  private static RewriteRules read(String name) {
    return RewriteRules.parse(name, ManifestRewriterTest.resource("kubeone/" + name));
  }

  private static String rewrite(RewriteRules rules, String input) {
    return rules.apply(ImageReference.parse(input)).toString();
  }

  private static String cluster(String apiVersion, String body) {
    return "apiVersion: " + apiVersion + "\nkind: KubeOneCluster\n" + body;
  }

  @Test
  void v1beta2RegistryConfigurationBecomesKubeOnesOverwrite() {
    RewriteRules rules = read("v1beta2.yaml");
    assertThat(rules.warnings()).isEmpty();
    assertThat(rules.rules()).singleElement().isInstanceOfSatisfying(Rule.OverwriteRegistry.class, rule -> {
      assertThat(rule.line()).isEqualTo(14);
      assertThat(rule.target()).hasToString("127.0.0.1:5000/kubeone");
    });
    assertThat(rewrite(rules, "quay.io/calico/cni:v3.26.3")).isEqualTo("127.0.0.1:5000/kubeone/calico/cni:v3.26.3");
    assertThat(rewrite(rules, "docker.io/flannel/flannel:v0.21.3"))
        .isEqualTo("127.0.0.1:5000/kubeone/flannel/flannel:v0.21.3");
    assertThat(rules.kubeOne()).contains(new KubeOneCluster("kubeone.k8c.io/v1beta2", Optional.of("1.25.6"),
        List.of("127.0.0.1:5000")));
  }

  @Test
  void v1beta1IsReadToo() {
    RewriteRules rules = read("v1beta1.yaml");
    assertThat(rules.warnings()).isEmpty();
    assertThat(rewrite(rules, "registry.k8s.io/kube-apiserver:v1.21.14"))
        .isEqualTo("registry.internal:443/kube-apiserver:v1.21.14");
    assertThat(rules.kubeOne()).contains(new KubeOneCluster("kubeone.k8c.io/v1beta1", Optional.of("1.21.14"), List.of()));
  }

  @Test
  void theDigestIsDroppedAsKubeOneWritesRegistryPathAndTag() {
    RewriteRules rules = read("v1beta2.yaml");
    assertThat(rewrite(rules, "quay.io/cilium/cilium:v1.14.3@sha256:" + "e5".repeat(32)))
        .isEqualTo("127.0.0.1:5000/kubeone/cilium/cilium:v1.14.3");
  }

  /** kubeadm, given the overwrite as image repository, pulls CoreDNS from R/coredns, but on 1.21 from R/coredns/coredns. */
  @ParameterizedTest(name = "Kubernetes {0}: {1} -> {2}")
  @CsvSource({
    "1.25.6, registry.k8s.io/coredns/coredns:v1.9.3, r.example/coredns:v1.9.3",
    "1.22.17, k8s.gcr.io/coredns/coredns:v1.8.4, r.example/coredns:v1.8.4",
    "v1.21.14, k8s.gcr.io/coredns/coredns:v1.8.0, r.example/coredns/coredns:v1.8.0",
    "1.20.15, k8s.gcr.io/coredns:1.7.0, r.example/coredns:1.7.0",
    "1.32.1, registry.k8s.io/coredns/coredns-extra:v1, r.example/coredns/coredns-extra:v1",
  })
  void corednsMovesWhereKubeadmOfThatVersionLooksForIt(String version, String input, String expected) {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta2",
        "versions:\n  kubernetes: " + version + "\nregistryConfiguration:\n  overwriteRegistry: r.example\n"));
    assertThat(rewrite(rules, input)).isEqualTo(expected);
  }

  @Test
  void withoutAKubernetesVersionCorednsMovesUp() {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta1",
        "registryConfiguration:\n  overwriteRegistry: r.example\n"));
    assertThat(rewrite(rules, "registry.k8s.io/coredns/coredns:v1.11.1")).isEqualTo("r.example/coredns:v1.11.1");
    assertThat(rules.kubeOne().orElseThrow().kubernetesVersion()).isEmpty();
  }

  @Test
  void insecureRegistryMeansPlainHttpOnTheNodesToo() {
    RewriteRules rules = read("v1beta2.yaml");
    assertThat(((Rule.OverwriteRegistry) rules.rules().get(0)).mirror().plainHttp()).isTrue();
    assertThat(ContainerdHosts.render(rules).files().get("_default/hosts.toml"))
        .contains("[host.\"http://127.0.0.1:5000/v2/kubeone\"]");
  }

  @Test
  void insecureRegistryWithoutAnOverwriteIsWarnedAbout() {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta2",
        "registryConfiguration:\n  insecureRegistry: true\n"));
    assertThat(rules.rules()).isEmpty();
    assertThat(rules.kubeOne().orElseThrow().insecureRegistries()).isEmpty();
    assertThat(rules.warnings()).extracting(Diagnostic::toString).containsExactly(
        "kubeone.yaml:4: registryConfiguration.insecureRegistry: warning: has no effect without overwriteRegistry");
  }

  @Test
  void containerdMirrorsBecomePrefixRulesForTheNodeConfigurations() {
    RewriteRules rules = read("mirrors.yaml");
    assertThat(rules.rules()).extracting(Rule::label).containsExactly(
        "rules[0] (prefix docker.io)", "rules[1] (prefix quay.io)");
    assertThat(rewrite(rules, "nginx:1.27")).isEqualTo("hub-mirror.internal:5443/library/nginx:1.27");
    assertThat(rewrite(rules, "quay.io/calico/node:v3.26.3")).isEqualTo("127.0.0.1:5000/quay/calico/node:v3.26.3");
    assertThat(rules.warnings()).extracting(Diagnostic::toString).containsExactly(
        "mirrors.yaml:13: containerRuntime.containerd.registries.docker.io.mirrors[1]: warning: only the first mirror"
            + " becomes a rule: Relocator relocates each image to one place; the others are left out");

    NodeConfig containerd = ContainerdHosts.render(rules);
    assertThat(containerd.warnings()).isEmpty();
    assertThat(containerd.files().get("docker.io/hosts.toml"))
        .contains("[host.\"https://hub-mirror.internal:5443\"]").contains("skip_verify = true");
    assertThat(containerd.files().get("quay.io/hosts.toml"))
        .contains("server = \"https://quay.io\"")
        .contains("[host.\"http://127.0.0.1:5000/v2/quay\"]").contains("override_path = true");
    assertThat(CrioRegistries.render(rules).files().get(CrioRegistries.FILE))
        .contains("prefix = \"quay.io\"").contains("location = \"127.0.0.1:5000/quay\"").contains("insecure = true");
    assertThat(rules.kubeOne().orElseThrow().insecureRegistries()).isEmpty();
  }

  @Test
  void aMirrorPathContainerdAppendsV2ToCannotBeARule() {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta2",
        "containerRuntime:\n  containerd:\n    registries:\n      docker.io:\n        mirrors: [https://m.example/hub]\n"));
    assertThat(rules.rules()).isEmpty();
    assertThat(rules.warnings()).extracting(Diagnostic::toString).containsExactly(
        "kubeone.yaml:7: containerRuntime.containerd.registries.docker.io.mirrors[0]: warning:"
            + " \"https://m.example/hub\" serves the registry API below /hub, which no relocation can name (a rule"
            + " names a host and a repository path, as https://HOST/v2/PATH with overridePath: true); left out");
  }

  @Test
  void containerdRegistriesAreAV1beta2FieldAndWarnedAboutInV1beta1() {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta1",
        "containerRuntime:\n  containerd:\n    registries:\n      docker.io:\n        mirrors: [https://m.example]\n"));
    assertThat(rules.rules()).isEmpty();
    assertThat(rules.warnings()).extracting(Diagnostic::toString).containsExactly(
        "kubeone.yaml:5: containerRuntime.containerd.registries: warning: unknown key \"registries\""
            + " in kubeone.k8c.io/v1beta1: ignored");
  }

  @Test
  void unknownKeysAreWarnedAboutWithASuggestionAndTheFileIsStillRead() {
    RewriteRules rules = RewriteRules.parse("kubeone.yaml", cluster("kubeone.k8c.io/v1beta2",
        "registryConfiguration:\n  overwriteRegistry: r.example\n  insecureregistry: true\nversion:\n  kubernetes: 1.30.0\n"));
    assertThat(rules.rules()).hasSize(1);
    assertThat(rules.kubeOne().orElseThrow().insecureRegistries()).isEmpty();
    assertThat(rules.warnings()).extracting(Diagnostic::toString).containsExactly(
        "kubeone.yaml:5: registryConfiguration.insecureregistry: warning: unknown key \"insecureregistry\""
            + " in kubeone.k8c.io/v1beta2 (did you mean \"insecureRegistry\"?): ignored",
        "kubeone.yaml:6: version: warning: unknown key \"version\" in kubeone.k8c.io/v1beta2"
            + " (did you mean \"versions\"?): ignored");
  }

  @Test
  void errorsNameTheFileLineAndKeyPathAllAtOnce() {
    String text = cluster("kubeone.k8c.io/v1beta2", "versions:\n  kubernetes: one.two\n"
        + "registryConfiguration:\n  overwriteRegistry: Registry.Example/x:1\n  insecureRegistry: maybe\n");
    assertThatThrownBy(() -> RewriteRules.parse("kubeone.yaml", text))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> assertThat(e.diagnostics())
            .extracting(Diagnostic::toString).containsExactly(
                "kubeone.yaml:4: versions.kubernetes: invalid version \"one.two\": expected a number at offset 0, found 'o'",
                "kubeone.yaml:6: registryConfiguration.overwriteRegistry: \"Registry.Example/x:1\" must not carry a tag",
                "kubeone.yaml:7: registryConfiguration.insecureRegistry: expected true or false"));
  }

  @Test
  void anApiVersionRelocatorDoesNotReadIsAnError() {
    assertThatThrownBy(() -> RewriteRules.parse("kubeone.yaml", cluster("kubeone.io/v1alpha1", "name: x\n")))
        .hasMessage("kubeone.yaml:1: apiVersion: \"kubeone.io/v1alpha1\" is not a KubeOneCluster version Relocator"
            + " reads; expected kubeone.k8c.io/v1beta1 or kubeone.k8c.io/v1beta2");
  }

  @Test
  void aRulesFileHasNoKubeOneSettings() {
    assertThat(RewriteRules.parse("rules.yaml", "rules:\n- overwriteRegistry: r.example\n").kubeOne()).isEmpty();
  }
}
