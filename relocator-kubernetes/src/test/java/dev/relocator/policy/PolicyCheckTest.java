package dev.relocator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {

  static Policy policy(PolicyId id, PolicyMode mode, List<String> allowed, List<String> exempt) {
    return new Policy(id, AllowedPrefixes.parse("spec.allowed", allowed), mode, null,
        ImageGlobs.parse("spec.exemptImages", exempt));
  }

  /** A pod's image as the webhook hands it to the check, {@code image} parsed (the tests' images are references). */
  static PodImage podImage(String field, String container, String original, String image, boolean relocated) {
    return new PodImage(field, container, original, image, relocated, ImageReference.parse(image));
  }

  private static final Policy WARN = policy(PolicyId.cluster("mirror-only"), PolicyMode.WARN,
      List.of("reg.local/mirror"), List.of("registry.k8s.io/pause"));
  private static final Policy DENY = policy(PolicyId.cluster("mirror-only"), PolicyMode.DENY,
      List.of("reg.local/mirror"), List.of("registry.k8s.io/pause"));

  private static final PodImage RELOCATED =
      podImage("containers", "web", "nginx:1.27", "reg.local/mirror/nginx:1.27", true);
  private static final PodImage UPSTREAM =
      podImage("initContainers", "setup", "busybox:1.36", "busybox:1.36", false);
  private static final PodImage DEBUG =
      podImage("ephemeralContainers", "debugger", "busybox:1.36", "busybox:1.36", false);
  private static final PodImage PAUSE =
      podImage("containers", "pause", "registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9", false);

  @Test
  void withoutPoliciesNothingIsChecked() {
    assertThat(PolicyCheck.check(List.of(UPSTREAM), List.of())).isSameAs(Decision.UNCHECKED);
  }

  @Test
  void imagesUnderAnAllowedPrefixOrExemptAreAllowed() {
    Decision d = PolicyCheck.check(List.of(RELOCATED, PAUSE), List.of(DENY));
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    assertThat(d.violations()).isEmpty();
  }

  @Test
  void warnModeGivesOneWarningPerImageNamingItAndTheMissingMap() {
    Decision d = PolicyCheck.check(List.of(RELOCATED, UPSTREAM, DEBUG), List.of(WARN));
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.WARNED);
    assertThat(d.violations()).hasSize(2);
    assertThat(d.warnings()).containsExactly(
        "image busybox:1.36 is not under a prefix ClusterImagePolicy mirror-only allows and no ImageMap relocates"
            + " it; an ImageMap entry {from: busybox, to: reg.local/mirror/library/busybox} would relocate it");
  }

  @Test
  void denyModeListsEveryOffendingContainerInOneMessageWithTheFix() {
    PodImage badTarget = podImage("containers", "cache", "redis:7", "reg.other/redis:7", true);
    Decision d = PolicyCheck.check(List.of(RELOCATED, UPSTREAM, DEBUG, badTarget), List.of(DENY));
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.DENIED);
    assertThat(d.denial()).isEqualTo("relocator: ClusterImagePolicy mirror-only denies 3 images: "
        + "initContainer \"setup\" image busybox:1.36: an ImageMap entry {from: busybox, to:"
        + " reg.local/mirror/library/busybox} would relocate it; "
        + "ephemeralContainer \"debugger\" image busybox:1.36: an ImageMap entry {from: busybox, to:"
        + " reg.local/mirror/library/busybox} would relocate it; "
        + "container \"cache\" image reg.other/redis:7 (relocated from redis:7): the map that relocates redis"
        + " sends it outside reg.local/mirror: point it at reg.local/mirror/library/redis instead");
  }

  @Test
  void aNamespacePolicyNarrowsButItsExemptionsNeverWidenTheClusterPolicy() {
    Policy tenant = policy(PolicyId.namespaced("team-a", "strict"), PolicyMode.DENY,
        List.of("reg.local/mirror/team-a"), List.of("docker.io/library/busybox"));
    // busybox is exempt in the tenant's policy, but the cluster policy still warns about it.
    Decision d = PolicyCheck.check(List.of(UPSTREAM), List.of(WARN, tenant));
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.WARNED);
    assertThat(d.violations()).extracting(Violation::policy).containsExactly(WARN.id());
    // nginx under the cluster's mirror, but outside the tenant's narrower prefix: refused.
    Decision narrowed = PolicyCheck.check(List.of(RELOCATED), List.of(WARN, tenant));
    assertThat(narrowed.outcome()).isEqualTo(Decision.Outcome.DENIED);
    assertThat(narrowed.denial()).startsWith("relocator: ImagePolicy team-a/strict denies 1 image: container \"web\"");
  }

  @Test
  void tenantPoliciesApplyToTheirOwnNamespaceOnlyAndClusterPoliciesByTheirSelector() {
    Policy tenant = policy(PolicyId.namespaced("team-a", "strict"), PolicyMode.DENY, List.of("reg.local/a"), List.of());
    Policy prodOnly = new Policy(PolicyId.cluster("prod"), AllowedPrefixes.parse("a", List.of("reg.local")),
        PolicyMode.DENY, new LabelSelectorBuilder().addToMatchLabels("env", "prod").build(), ImageGlobs.NONE);
    PolicySet set = new PolicySet(List.of(tenant, prodOnly, WARN),
        ns -> ns.equals("team-b") ? Map.of("env", "prod") : Map.of());
    assertThat(set.forNamespace("team-a")).containsExactly(WARN, tenant);
    assertThat(set.forNamespace("team-b")).containsExactly(prodOnly, WARN);
    assertThat(set.forNamespace("other")).containsExactly(WARN);
  }
}
