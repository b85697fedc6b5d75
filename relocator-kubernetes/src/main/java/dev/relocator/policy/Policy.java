package dev.relocator.policy;

import dev.relocator.image.ImageReference;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/**
 * One ClusterImagePolicy or ImagePolicy, translated from its wire form once and validated.
 *
 * @param id which policy
 * @param allowed the repository prefixes images must be under
 * @param mode warn or deny
 * @param namespaceSelector a ClusterImagePolicy's namespaces; null for every namespace, and for
 *     an ImagePolicy (which applies to its own namespace only)
 * @param exempt images the policy lets through wherever they come from
 */
public record Policy(
    PolicyId id, AllowedPrefixes allowed, PolicyMode mode, LabelSelector namespaceSelector, ImageGlobs exempt) {

  public Policy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(allowed, "allowed");
    Objects.requireNonNull(mode, "mode");
    exempt = exempt == null ? ImageGlobs.NONE : exempt;
  }

  /** Whether {@code image}, as the pod will run it, is allowed or exempt. */
  public boolean admits(ImageReference image) {
    return allowed.allows(image) || exempt.matches(image);
  }
}
