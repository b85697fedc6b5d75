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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one translation from the policy CRDs' wire classes to {@link Policy}: prefixes, mode,
 * globs and selector validated here, once per version of a policy.
 */
public final class WirePolicies {

  private WirePolicies() {}

  /**
   * One policy read from its wire object: the policy, or why it is not applied.
   *
   * @param policy the policy; null when it does not validate
   * @param problem what is wrong, naming the policy and the field; null when valid
   */
  public record Translation(Policy policy, String problem) {}

  /** The translation of a ClusterImagePolicy; a bad spec is a problem, not an exception. */
  public static Translation translate(ClusterImagePolicy wire) {
    return translation(() -> policy(wire));
  }

  /** The translation of an ImagePolicy; a bad spec is a problem, not an exception. */
  public static Translation translate(ImagePolicy wire) {
    return translation(() -> policy(wire));
  }

  private static Translation translation(Supplier<Policy> policy) {
    try {
      return new Translation(policy.get(), null);
    } catch (IllegalArgumentException e) {
      return new Translation(null, e.getMessage());
    }
  }

  /** The valid policies among {@code translations}, in order; each problem goes to {@code problems}. */
  public static List<Policy> valid(Collection<Translation> translations, Consumer<String> problems) {
    List<Policy> out = new ArrayList<>();
    for (Translation t : translations) {
      if (t.policy() != null) {
        out.add(t.policy());
      } else {
        problems.accept(t.problem());
      }
    }
    return out;
  }

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
