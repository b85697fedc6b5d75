package dev.relocator.imagemap.controller;

import dev.relocator.imagemap.LabelSelectors;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.policy.api.ClusterImagePolicySpec;
import dev.relocator.policy.api.ImagePolicy;
import dev.relocator.policy.api.ImagePolicySpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * The one translation from the policy CRDs' wire classes to {@link Policy}: prefixes, mode,
 * globs and selector validated here, once per version of a policy.
 */
public final class WirePolicies {

  private WirePolicies() {}

  /** The policy of a ClusterImagePolicy; throws {@link IllegalArgumentException} naming the field. */
  public static Policy policy(ClusterImagePolicy wire) {
    PolicyId id = PolicyId.cluster(wire.getMetadata().getName());
    ClusterImagePolicySpec spec = wire.getSpec();
    LabelSelector selector = spec == null ? null : spec.getNamespaceSelector();
    String problem = LabelSelectors.problem(selector);
    if (problem != null) {
      throw new IllegalArgumentException(id + ": " + problem);
    }
    return policy(id, spec, selector);
  }

  /** The policy of an ImagePolicy, for its own namespace only. */
  public static Policy policy(ImagePolicy wire) {
    PolicyId id = PolicyId.namespaced(wire.getMetadata().getNamespace(), wire.getMetadata().getName());
    return policy(id, wire.getSpec(), null);
  }

  private static Policy policy(PolicyId id, ImagePolicySpec spec, LabelSelector selector) {
    if (spec == null || spec.getAllowed() == null) {
      throw new IllegalArgumentException(id + ": spec.allowed: is required");
    }
    try {
      return new Policy(id,
          AllowedPrefixes.parse("spec.allowed", spec.getAllowed()),
          PolicyMode.parse(spec.getMode()),
          selector,
          ImageGlobs.parse("spec.exemptImages", spec.getExemptImages() == null ? List.of() : spec.getExemptImages()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
    }
  }
}
