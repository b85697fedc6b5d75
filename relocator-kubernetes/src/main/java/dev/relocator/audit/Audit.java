package dev.relocator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.imagemap.ImageMapping;
import dev.relocator.imagemap.ImageRelocation;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.Decision;
import dev.relocator.policy.PodImage;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyCheck;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import dev.relocator.policy.TargetSuggestion;
import dev.relocator.policy.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code relocator audit}, pure: which containers of which workloads would not be allowed under
 * the maps and policies given, decided as the webhook decides for a pod. In a namespace a policy
 * covers, a row is an image that policy would warn about or deny; in a namespace no policy covers,
 * a row is an image no map relocates (and, with a {@code --to} prefix, that is not under it
 * already), since an air-gapped cluster wants every image relocated.
 */
public final class Audit {

  private static final List<String> CONTAINER_FIELDS = List.of("initContainers", "containers", "ephemeralContainers");

  private Audit() {}

  /**
   * The rows for {@code workloads}, in their order.
   *
   * @param to the prefix suggestions go under, or null; also counts as allowed where no policy applies
   */
  public static List<AuditRow> rows(List<Workload> workloads, MappingCatalog maps, PolicySet policies, String to) {
    AllowedPrefixes target = to == null ? null : AllowedPrefixes.parse("--to", List.of(to));
    List<AuditRow> rows = new ArrayList<>();
    for (Workload w : workloads) {
      ImageMapping mapping = maps.optedOut(w.namespace()) ? ImageMapping.NONE : maps.forNamespace(w.namespace());
      List<Policy> applicable = policies.forNamespace(w.namespace());
      List<Decided> decided = images(w.podSpec(), mapping);
      if (!applicable.isEmpty()) {
        Decision d = PolicyCheck.check(decided.stream().map(Decided::image).toList(), applicable);
        Map<PodImage, List<Violation>> violations = d.violations().stream()
            .collect(Collectors.groupingBy(Violation::image, LinkedHashMap::new, Collectors.toList()));
        // The images a policy does not allow first, then those it allows but the webhook leaves
        // alone: it still warns why it left them.
        Stream.concat(decided.stream().filter(i -> violations.containsKey(i.image())),
                decided.stream().filter(i -> !violations.containsKey(i.image()) && i.problem() != null))
            .forEach(i -> rows.add(row(w, i, why(violations.getOrDefault(i.image(), List.of()), i))));
        continue;
      }
      for (Decided i : decided) {
        if (i.problem() != null) {
          rows.add(row(w, i, notRelocated(i)));
        } else if (!i.image().relocated() && !(target != null && under(target, i.image().image()))) {
          rows.add(row(w, i, "no ImageMap relocates it"));
        }
      }
    }
    return rows;
  }

  /** Which policies do not allow the image, then why the webhook leaves it alone, if it does. */
  private static String why(List<Violation> violations, Decided i) {
    List<String> reasons = new ArrayList<>();
    violations.forEach(v -> reasons.add(v.policy() + " " + (v.mode() == PolicyMode.DENY ? "denies" : "warns")));
    if (i.problem() != null) {
      reasons.add(notRelocated(i));
    }
    return String.join("; ", reasons);
  }

  /** Why the webhook leaves an image alone, in the words of its warning. */
  private static String notRelocated(Decided i) {
    return "not relocated: " + i.problem();
  }

  /**
   * The repository-wide ImageMap entries that would relocate the images of {@code rows} no map
   * relocates, each repository once, under {@code to}. An image the webhook leaves alone gets none:
   * a map already names it (relocated again) or it is no reference, and one more entry mends neither.
   */
  public static List<MapEntry> suggestions(List<AuditRow> rows, String to) {
    Map<String, MapEntry> byFrom = new LinkedHashMap<>();
    for (AuditRow r : rows) {
      if (r.relocated() != null || r.leftAlone()) {
        continue;
      }
      try {
        ImageReference ref = ImageReference.parse(r.image());
        byFrom.putIfAbsent(ref.name(), new MapEntry(ref.familiarName(), TargetSuggestion.under(to, ref).name()));
      } catch (InvalidReferenceException e) {
        // Nothing can relocate what is not a reference; the row says so.
      }
    }
    return new ArrayList<>(byFrom.values());
  }

  private static boolean under(AllowedPrefixes target, String image) {
    try {
      return target.allows(ImageReference.parse(image));
    } catch (InvalidReferenceException e) {
      return false;
    }
  }

  private static AuditRow row(Workload w, Decided decided, String why) {
    PodImage i = decided.image();
    return new AuditRow(w.namespace(), w.kind(), w.name(), i.container(), i.original(),
        i.relocated() ? i.image() : null, why, decided.problem() != null);
  }

  /**
   * A container image as the webhook would run it, and why the webhook would leave it alone (not a
   * reference, or relocated twice), or null.
   */
  record Decided(PodImage image, String problem) {}

  /** Every container image of {@code podSpec}, relocated as the webhook would. */
  static List<Decided> images(JsonNode podSpec, ImageMapping mapping) {
    List<Decided> out = new ArrayList<>();
    for (String field : CONTAINER_FIELDS) {
      for (JsonNode c : podSpec.path(field)) {
        String image = c.path("image").asText("");
        if (image.isEmpty()) {
          continue;
        }
        // The webhook's own decision, its guard against relocating twice included.
        ImageRelocation r = ImageRelocation.of(image, mapping);
        out.add(new Decided(new PodImage(field, c.path("name").asText(""), image, r.image(), r.relocated(), r.to()),
            r.problem()));
      }
    }
    return out;
  }
}
