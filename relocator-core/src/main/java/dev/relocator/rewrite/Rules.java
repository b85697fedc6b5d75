package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;

/** Helpers the rule kinds share. */
final class Rules {
  private Rules() {}

  /** {@code ref} moved to {@code domain/path}, or an error naming the rule and the input. */
  static ImageReference withName(Rule rule, ImageReference ref, String domain, String path) {
    try {
      return ref.withName(domain, path);
    } catch (InvalidReferenceException e) {
      throw new RewriteException(rule.label() + " turns \"" + ref + "\" into an invalid reference: "
          + e.getMessage(), e);
    }
  }
}
