package dev.relocator.imagemap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * The generation of a map that is in force: what every replica serves, and what a rejected update
 * leaves in place.
 *
 * @param generation the accepted generation
 * @param entries its entries
 * @param rules its rewrite rules, or null when it has none
 * @param selector a ClusterImageMap's namespace selector at that generation (empty for every
 *     namespace); null for an ImageMap, or for a status written before selectors were recorded
 */
public record InForce(long generation, List<Mapping> entries, MapRules rules, LabelSelector selector) {

  public InForce {
    entries = List.copyOf(entries);
  }
}
