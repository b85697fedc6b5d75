package dev.relocator.availability;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.Mapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The targets of a map that can be checked: the {@code to} of each exact entry that names one
 * manifest (a tag or digest). A repository-wide entry's {@code to} names a repository, whose
 * content depends on the images pods ask for, and rules have no fixed targets: neither is checked.
 */
public final class Targets {

  private Targets() {}

  /** The distinct checkable targets of {@code entries}, in entry order. */
  public static List<ImageReference> of(List<Mapping> entries) {
    Set<ImageReference> out = new LinkedHashSet<>();
    for (Mapping m : entries) {
      ImageReference to = m.to();
      if (to.tag().isPresent() || to.digest().isPresent()) {
        out.add(to);
      }
    }
    return List.copyOf(out);
  }
}
