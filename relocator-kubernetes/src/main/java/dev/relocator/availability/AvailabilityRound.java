package dev.relocator.availability;

import dev.relocator.image.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round of availability checks: every distinct target of every map asked once, at most
 * {@code budget} requests per registry per round. Targets over the budget keep their last answer
 * and go first in the next round (least recently asked first), so every target is reached within
 * a few rounds however many maps name it. Holds the answers between rounds; not thread-safe (one
 * monitor thread runs the rounds).
 */
public final class AvailabilityRound {

  private final int budget;
  private final Map<ImageReference, Presence> answers = new HashMap<>();
  private final Map<ImageReference, Long> askedInRound = new HashMap<>();
  private long round;

  /** @param budget the requests per registry per round, at least 1 */
  public AvailabilityRound(int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget " + budget + ": must be at least 1");
    }
    this.budget = budget;
  }

  /**
   * Asks {@code probe} about the targets in {@code targets} (each once), within the budget, and
   * forgets targets no map names any more.
   *
   * @return how many requests were made
   */
  public int run(Collection<List<ImageReference>> targets, TargetProbe probe) {
    return run(targets, probe, false);
  }

  /**
   * Asks only about targets never asked before (a map just accepted), within the budget; the
   * others wait for the next full round.
   *
   * @return how many requests were made
   */
  public int runNew(Collection<List<ImageReference>> targets, TargetProbe probe) {
    return run(targets, probe, true);
  }

  private int run(Collection<List<ImageReference>> targets, TargetProbe probe, boolean onlyNew) {
    round++;
    Set<ImageReference> distinct = new LinkedHashSet<>();
    targets.forEach(distinct::addAll);
    answers.keySet().retainAll(distinct);
    askedInRound.keySet().retainAll(distinct);
    List<ImageReference> order = new ArrayList<>(distinct);
    order.sort(Comparator.comparingLong(t -> askedInRound.getOrDefault(t, 0L)));
    Map<String, Integer> spent = new HashMap<>();
    int requests = 0;
    for (ImageReference t : order) {
      int used = spent.getOrDefault(t.domain(), 0);
      if (used >= budget || (onlyNew && askedInRound.containsKey(t))) {
        continue;
      }
      spent.put(t.domain(), used + 1);
      answers.put(t, probe.probe(t));
      askedInRound.put(t, round);
      requests++;
    }
    return requests;
  }

  /** The last answer for {@code target}, UNKNOWN when never asked. */
  public Presence answer(ImageReference target) {
    return answers.getOrDefault(target, Presence.UNKNOWN);
  }

  /** How many distinct targets were last found missing. */
  public int missingCount() {
    return (int) answers.values().stream().filter(p -> p == Presence.MISSING).count();
  }
}
