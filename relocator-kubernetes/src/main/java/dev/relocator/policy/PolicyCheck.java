package dev.relocator.policy;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure policy decision for one pod: every image, after relocation, against every policy that
 * applies to the pod's namespace. Each policy is checked on its own, so a namespace's ImagePolicy
 * can only add violations to the ClusterImagePolicies' (narrow, never widen): its exemptions and
 * its mode concern its own verdicts only.
 */
public final class PolicyCheck {

  private PolicyCheck() {}

  /** The decision on {@code images} under {@code policies}; {@link Decision#UNCHECKED} without any. */
  public static Decision check(List<PodImage> images, List<Policy> policies) {
    if (policies.isEmpty()) {
      return Decision.UNCHECKED;
    }
    List<Violation> violations = new ArrayList<>();
    boolean deny = false;
    for (PodImage image : images) {
      // Null when it does not parse: the container runtime cannot pull it either, and no prefix
      // can allow it.
      ImageReference ref = image.reference();
      for (Policy p : policies) {
        if (ref != null && p.admits(ref)) {
          continue;
        }
        violations.add(new Violation(image, p.id(), p.mode(), fix(image, ref, p)));
        deny |= p.mode() == PolicyMode.DENY;
      }
    }
    Decision.Outcome outcome = violations.isEmpty() ? Decision.Outcome.ALLOWED
        : deny ? Decision.Outcome.DENIED : Decision.Outcome.WARNED;
    return new Decision(outcome, violations);
  }

  /** What would make {@code image} admitted by {@code policy}, as a sentence. */
  static String fix(PodImage image, ImageReference ref, Policy policy) {
    if (ref == null) {
      return "it is not a valid image reference";
    }
    if (policy.allowed().isEmpty()) {
      return policy.id() + " allows no prefix: add the image to its exemptImages";
    }
    String prefix = policy.allowed().prefixes().get(0);
    if (!image.relocated()) {
      return "an ImageMap entry {from: " + ref.familiarName() + ", to: "
          + TargetSuggestion.under(prefix, ref).name() + "} would relocate it";
    }
    ImageReference original;
    try {
      original = ImageReference.parse(image.original());
    } catch (InvalidReferenceException e) {
      original = ref;
    }
    return "the map that relocates " + original.familiarName() + " sends it outside "
        + String.join(", ", policy.allowed().prefixes()) + ": point it at "
        + TargetSuggestion.under(prefix, original).name() + " instead";
  }
}
