package dev.relocator.imagemap.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.policy.api.ImagePolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WirePoliciesTest {

  private static ClusterImagePolicy clusterPolicy(String name, String mode, List<String> allowed) {
    ClusterImagePolicy p = new ClusterImagePolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).withResourceVersion("1").build());
    p.getSpec().setMode(mode);
    p.getSpec().setAllowed(allowed);
    return p;
  }

  private static ImagePolicy policy(String namespace, String name, List<String> allowed) {
    ImagePolicy p = new ImagePolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withResourceVersion("1").build());
    p.getSpec().setAllowed(allowed);
    return p;
  }

  @Test
  void validPoliciesTranslateAndBadOnesAreProblemsNamingPolicyAndField() {
    List<String> problems = new ArrayList<>();

    List<Policy> valid = WirePolicies.valid(List.of(
        WirePolicies.translate(clusterPolicy("mirror", "deny", List.of("mirror.example"))),
        WirePolicies.translate(clusterPolicy("no-allowed", "warn", null)),
        WirePolicies.translate(policy("team", "own", List.of("mirror.example/team")))), problems::add);

    assertThat(valid).extracting(Policy::id)
        .containsExactly(PolicyId.cluster("mirror"), PolicyId.namespaced("team", "own"));
    assertThat(problems).containsExactly("ClusterImagePolicy no-allowed: spec.allowed: is required");
  }

  @Test
  void eachVersionOfAPolicyIsTranslatedOnce() {
    PerVersion<PolicyId, WirePolicies.Translation> cache = new PerVersion<>();
    List<String> translated = new ArrayList<>();
    ClusterImagePolicy v1 = clusterPolicy("mirror", "deny", List.of("mirror.example"));
    PolicyId id = PolicyId.cluster("mirror");
    java.util.function.Function<ClusterImagePolicy, WirePolicies.Translation> counting = p -> {
      translated.add(p.getMetadata().getResourceVersion());
      return WirePolicies.translate(p);
    };

    WirePolicies.Translation first = cache.get(id, v1, counting);
    cache.forgetUnseen();
    WirePolicies.Translation again = cache.get(id, v1, counting);
    cache.forgetUnseen();
    ClusterImagePolicy v2 = clusterPolicy("mirror", "warn", List.of("mirror.example"));
    v2.getMetadata().setResourceVersion("2");
    WirePolicies.Translation second = cache.get(id, v2, counting);
    cache.forgetUnseen();
    cache.forgetUnseen();

    assertThat(again).isSameAs(first);
    assertThat(second.policy().mode()).isNotEqualTo(first.policy().mode());
    assertThat(translated).containsExactly("1", "2");
    assertThat(cache.size()).as("a policy no longer listed is forgotten").isZero();
  }
}
