package dev.relocator.imagemap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One consistency pass over every map: the statuses that must change. Pure: the controller and
 * the standalone server feed it what they read and write back what it returns.
 *
 * <p>Maps whose current generation is not in force are candidates, checked oldest first against
 * the maps in force, so of two conflicting maps the newer is rejected and an update that conflicts
 * is rejected while the generation before it stays in force ({@link RejectedUpdate#KEEP}).
 * Rejected maps are candidates again on every pass, which is how they recover once the conflict
 * is resolved. The maps in force are checked against each other first, since a namespace's labels
 * can bring two of them into one scope without an edit of either; the later one is withdrawn and
 * becomes a candidate.
 */
public final class Reconciler {

  /** The condition type every map carries. */
  public static final String READY = "Ready";

  /** What happens to the generation in force when an update of a map is rejected. */
  public enum RejectedUpdate {
    /** The previously accepted generation stays in force; the status says so. */
    KEEP,
    /** The previously accepted generation is removed, as the prototype did. */
    UNDEPLOY;

    /** The policy named {@code text} ({@code keep} or {@code undeploy}, any case). */
    public static RejectedUpdate parse(String text) {
      for (RejectedUpdate r : values()) {
        if (r.name().equalsIgnoreCase(text.trim())) {
          return r;
        }
      }
      throw new IllegalArgumentException("\"" + text + "\": expected keep or undeploy");
    }
  }

  private static final Comparator<MapState> OLDEST_FIRST =
      Comparator.comparing(MapState::created).thenComparing(MapState::id);

  private Reconciler() {}

  /**
   * The new status of every map whose status must change, by id.
   *
   * @param maps every map that exists
   * @param namespaceLabels the labels of a namespace, empty when unknown
   * @param policy what a rejected update does to the generation in force
   * @param now the time recorded as a condition's last transition
   */
  public static Map<MapId, MapStatus> reconcile(
      Collection<MapState> maps,
      Function<String, Map<String, String>> namespaceLabels,
      RejectedUpdate policy,
      Instant now) {
    // The namespaces a ClusterImageMap in force applies to are those of the generation in force.
    Map<MapId, LabelSelector> selectors = new HashMap<>();
    for (MapState m : maps) {
      if (m.id().isCluster()) {
        selectors.put(m.id(), m.inForceSelector());
      }
    }
    AcceptedMaps accepted = new AcceptedMaps();
    Set<MapId> withdrawn = putInForce(maps, selectors, namespaceLabels, accepted);
    List<MapState> candidates = new ArrayList<>();
    for (MapState m : maps) {
      if (m.rejected() || withdrawn.contains(m.id())) {
        candidates.add(m);
      }
    }
    candidates.sort(OLDEST_FIRST);
    Map<MapId, MapStatus> changed = new LinkedHashMap<>();
    for (MapState c : candidates) {
      Predicate<MapId> inScope = scope(c.id(), c.selector(), selectors, namespaceLabels);
      String badSelector = c.id().isCluster() ? LabelSelectors.problem(c.selector()) : null;
      Verdict verdict = badSelector != null
          ? Verdict.invalid(badSelector)
          : Consistency.check(c.id(), c.spec(), accepted, inScope);
      MapStatus next;
      if (verdict.isAccepted()) {
        accepted.put(c.id(), verdict.entries());
        LabelSelector selector = null;
        if (c.id().isCluster()) {
          selectors.put(c.id(), c.selector());
          selector = c.selector() == null ? new LabelSelector() : c.selector();
        }
        next = status(c, true, verdict.reason(), verdict.message(), now,
            new InForce(c.generation(), verdict.entries(), verdict.rules(), selector));
      } else if (c.hasAccepted() && !withdrawn.contains(c.id()) && policy == RejectedUpdate.KEEP) {
        next = status(c, false, verdict.reason(), verdict.message() + "; generation "
            + c.acceptedGeneration() + " stays in force", now, c.status().inForce());
      } else {
        // One wording whether or not a generation was just removed, so the next pass is quiet.
        accepted.remove(c.id());
        next = status(c, false, verdict.reason(), verdict.message() + "; no generation is in force", now, null);
      }
      if (!next.equals(c.status())) {
        changed.put(c.id(), next);
      }
    }
    for (MapState m : maps) {
      if (!candidates.contains(m) && !isReady(m)) {
        // In force but without a current Ready=True condition, e.g. a status written by hand.
        changed.put(m.id(), status(m, true, Verdict.Reason.ACCEPTED, "in force", now, m.status().inForce()));
      }
    }
    return changed;
  }

  /**
   * Puts the generations in force into {@code accepted}, each checked against those put before it,
   * and returns the maps withdrawn. A namespace relabelled into or out of a ClusterImageMap's
   * selector changes which maps share a scope without an edit of either, so two maps in force can
   * come to conflict; the later one is withdrawn and checked again as a candidate with its current
   * spec, so its status reads as if it had just met the other. Maps whose current spec is in force
   * go first, oldest first, then the generations that rejected updates keep in force (those were
   * accepted under a spec, and for a ClusterImageMap a selector, that is no longer the current one).
   */
  private static Set<MapId> putInForce(
      Collection<MapState> maps,
      Map<MapId, LabelSelector> selectors,
      Function<String, Map<String, String>> namespaceLabels,
      AcceptedMaps accepted) {
    List<MapState> inForce = new ArrayList<>();
    for (MapState m : maps) {
      if (m.hasAccepted()) {
        inForce.add(m);
      }
    }
    Comparator<MapState> settledFirst = Comparator.comparing(MapState::rejected);
    inForce.sort(settledFirst.thenComparing(OLDEST_FIRST));
    Set<MapId> withdrawn = new HashSet<>();
    for (MapState m : inForce) {
      List<Mapping> entries = m.status().inForce().entries();
      Predicate<MapId> inScope = scope(m.id(), m.inForceSelector(), selectors, namespaceLabels);
      if (Consistency.conflict(m.id(), entries, accepted, inScope) == null) {
        accepted.put(m.id(), entries);
      } else {
        withdrawn.add(m.id());
      }
    }
    return withdrawn;
  }

  /** Whether any map is rejected, so a later pass may accept it. */
  public static boolean anyRejected(Collection<MapState> maps) {
    return maps.stream().anyMatch(MapState::rejected);
  }

  /**
   * The maps {@code id} must agree with, when it applies to the namespaces {@code mine} selects
   * (a ClusterImageMap's) and the ClusterImageMaps in force to those {@code selectors} select.
   */
  static Predicate<MapId> scope(
      MapId id,
      LabelSelector mine,
      Map<MapId, LabelSelector> selectors,
      Function<String, Map<String, String>> namespaceLabels) {
    if (id.isCluster()) {
      // Cluster maps are checked against each other whatever their selectors: two selectors
      // that match no common namespace today may tomorrow, when a label changes.
      return other -> other.isCluster()
          || LabelSelectors.matches(mine, namespaceLabels.apply(other.namespace()));
    }
    String ns = id.namespace();
    return other -> other.isCluster()
        ? LabelSelectors.matches(selectors.get(other), namespaceLabels.apply(ns))
        : ns.equals(other.namespace());
  }

  private static boolean isReady(MapState m) {
    MapStatus.Ready ready = m.status().ready();
    return ready != null && ready.status() && Objects.equals(m.status().observedGeneration(), m.generation());
  }

  private static MapStatus status(
      MapState m, boolean ready, Verdict.Reason reason, String message, Instant now, InForce inForce) {
    MapStatus.Ready previous = m.status().ready();
    String since = previous != null && previous.status() == ready
        ? previous.lastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new MapStatus(m.generation(),
        new MapStatus.Ready(ready, reason.conditionReason(), message, m.generation(), since), inForce);
  }
}
