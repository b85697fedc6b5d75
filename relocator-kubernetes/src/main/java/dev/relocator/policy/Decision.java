package dev.relocator.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the policies in force say about one pod: the outcome and every violation.
 *
 * @param outcome the decision
 * @param violations every (container, policy) pair not admitted, in pod order
 */
public record Decision(Outcome outcome, List<Violation> violations) {

  /** The outcome of a policy check; the metric's {@code outcome} label. */
  public enum Outcome {
    /** No policy applies to the namespace. */
    UNCHECKED,
    /** Every image is allowed or exempt. */
    ALLOWED,
    /** Some image is not allowed, and only warn-mode policies say so. */
    WARNED,
    /** Some image is not allowed by a deny-mode policy. */
    DENIED;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No policy applies. */
  public static final Decision UNCHECKED = new Decision(Outcome.UNCHECKED, List.of());

  public Decision {
    violations = List.copyOf(violations);
  }

  /**
   * One warning per offending image, naming it and saying that no ImageMap relocates it (or that
   * its relocation is outside the allowed prefixes) and which policy says so.
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Violation v : violations) {
      if (v.mode() == PolicyMode.WARN && seen.add(v.image().image())) {
        PodImage i = v.image();
        out.add(i.relocated()
            ? "image " + i.image() + " (relocated from " + i.original() + ") is not under a prefix "
                + v.policy() + " allows; " + v.fix()
            : "image " + i.image() + " is not under a prefix " + v.policy() + " allows and no ImageMap"
                + " relocates it; " + v.fix());
      }
    }
    return out;
  }

  /** The one message a denied pod gets: every offending container, its image, and the fix. */
  public String denial() {
    List<Violation> denying = violations.stream().filter(v -> v.mode() == PolicyMode.DENY).toList();
    StringBuilder m = new StringBuilder("relocator: ");
    Set<PolicyId> policies = new LinkedHashSet<>();
    denying.forEach(v -> policies.add(v.policy()));
    m.append(String.join(", ", policies.stream().map(PolicyId::toString).toList()))
        .append(" denies ").append(denying.size()).append(denying.size() == 1 ? " image: " : " images: ");
    for (int i = 0; i < denying.size(); i++) {
      Violation v = denying.get(i);
      PodImage img = v.image();
      m.append(i == 0 ? "" : "; ").append(img.describe()).append(" image ").append(img.image());
      if (img.relocated()) {
        m.append(" (relocated from ").append(img.original()).append(")");
      }
      m.append(": ").append(v.fix());
    }
    return m.toString();
  }
}
