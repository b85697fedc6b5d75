package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Rewrite;
import dev.relocator.rewrite.RewriteException;
import dev.relocator.rewrite.RewriteRules;
import java.util.List;
import java.util.Optional;

/**
 * Exact entries first, then rule sets in order: the first rule set with a matching rule decides.
 * A rule whose output is not a valid reference relocates nothing.
 */
final class LayeredMapping implements ImageMapping {

  private final ImageMapping exact;
  private final List<RewriteRules> rules;

  LayeredMapping(ImageMapping exact, List<RewriteRules> rules) {
    this.exact = exact;
    this.rules = List.copyOf(rules);
  }

  @Override
  public Optional<ImageReference> relocate(ImageReference reference) {
    Optional<ImageReference> hit = exact.relocate(reference);
    if (hit.isPresent()) {
      return hit;
    }
    for (RewriteRules set : rules) {
      try {
        Rewrite rw = set.rewrite(reference);
        if (rw.rule().isPresent()) {
          return rw.changed() ? Optional.of(rw.output()) : Optional.empty();
        }
      } catch (RewriteException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
