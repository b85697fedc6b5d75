package dev.relocator.cli;

import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.rewrite.RewriteRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a relocation copies where, and the names the copies are served under. Into a registry,
 * images go where the rules send them, else under the target, as {@code mirror --to --rules} does.
 * Into an {@code oci:} or {@code oci-archive:} target (a bundle to carry across) every image goes
 * there, named by its source so the other side can read it with the vector; the rules then name
 * where the images will be served, which the overwrite, ImageMaps and node configurations need.
 */
final class RelocationPlan {
  private final Map<MirrorTask, ImageReference> tasks;
  private final RewriteRules rules;
  private final MirrorDestination destination;
  /** The source registries of the images sent under a registry target by no rule. */
  private final Set<String> destinationDomains;

  private RelocationPlan(Map<MirrorTask, ImageReference> tasks, RewriteRules rules, MirrorDestination destination,
      Set<String> destinationDomains) {
    this.tasks = tasks;
    this.rules = rules;
    this.destination = destination;
    this.destinationDomains = destinationDomains;
  }

  /** The copies of {@code sources} (each image once, CoreDNS to both of its paths); rules and destination may be null. */
  static RelocationPlan of(Map<ImageReference, ImageLocation> sources, RewriteRules rules,
      MirrorDestination destination) {
    boolean bundle = destination instanceof MirrorDestination.Layout;
    MirrorTargets targets = MirrorTargets.of(bundle ? null : rules, destination);
    Map<MirrorTask, ImageReference> tasks = new LinkedHashMap<>();
    Set<String> domains = new LinkedHashSet<>();
    sources.forEach((image, from) -> {
      for (ImageLocation target : targets.of(image)) {
        tasks.putIfAbsent(new MirrorTask(from, target), image);
      }
      if (!bundle && destination != null && (rules == null || rules.apply(image).equals(image))) {
        domains.add(image.domain());
      }
    });
    return new RelocationPlan(tasks, rules, destination, domains);
  }

  List<MirrorTask> tasks() {
    return List.copyOf(tasks.keySet());
  }

  /** The image {@code task} copies, as the sources name it. */
  ImageReference image(MirrorTask task) {
    return tasks.get(task);
  }

  /**
   * The name {@code task}'s copy is served under, without a digest: its registry target, or for a
   * bundle the rules' name for it; empty when a bundle's image has no rule naming it.
   */
  Optional<ImageReference> served(MirrorTask task) {
    Optional<ImageReference> target = task.target().registryReference();
    if (target.isPresent()) {
      return Optional.of(target.get().withoutDigest());
    }
    ImageReference image = tasks.get(task);
    ImageReference relocated = rules == null ? image : rules.apply(image);
    return relocated.equals(image) ? Optional.empty() : Optional.of(relocated.withoutDigest());
  }

  /**
   * The rules node configurations come from: the relocation's rules, then, for a registry target,
   * one {@code prefix} rule per source registry whose images went under it without a rule (the
   * target keeps each image's path, as such a rule does); named {@code source}. Null when there
   * are none.
   */
  RewriteRules nodeRules(String source, List<String> insecure) {
    if (!(destination instanceof MirrorDestination.Registry registry) || destinationDomains.isEmpty()) {
      return rules;
    }
    List<Map<String, Object>> prefixes = new ArrayList<>();
    for (String domain : destinationDomains) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("prefix", domain);
      rule.put("to", registry.toString());
      if (insecure.contains(registry.registry())) {
        rule.put("skipVerify", true);
      }
      prefixes.add(rule);
    }
    String name = "target " + registry;
    RewriteRules implicit = RewriteRules.of(rules == null ? source + " " + name : name, prefixes);
    return rules == null ? implicit : rules.followedBy(source + ", rules and " + name, implicit);
  }
}
