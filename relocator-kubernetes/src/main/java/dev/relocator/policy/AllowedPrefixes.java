package dev.relocator.policy;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Repository prefixes an image must be under, matched as the rules' {@code prefix} matches: on
 * the canonical name, at a component boundary ({@code registry.example/team} allows
 * {@code registry.example/team/app}, not {@code registry.example/teamx/app}). A lookup probes the
 * name's own boundaries in a hash set, so fifty prefixes cost what one does.
 */
public final class AllowedPrefixes {

  private final List<String> prefixes;
  private final Set<String> set;

  private AllowedPrefixes(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    this.set = new HashSet<>(prefixes);
  }

  /**
   * The prefixes written in {@code texts} ({@code HOST[:PORT][/PATH]}, as a rule's prefix),
   * canonical ({@code index.docker.io} reads as {@code docker.io}).
   *
   * @throws IllegalArgumentException naming {@code field[i]} and why, for one that does not parse
   */
  public static AllowedPrefixes parse(String field, List<String> texts) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException(field + "[" + i + "]: must not be empty");
      }
      try {
        out.add(Location.parse(text.trim()).toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new AllowedPrefixes(out);
  }

  /** Whether {@code image}'s repository is one of the prefixes or below one. */
  public boolean allows(ImageReference image) {
    String name = image.name();
    if (set.contains(name)) {
      return true;
    }
    for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
      if (set.contains(name.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }

  /** The canonical prefixes in the order written. */
  public List<String> prefixes() {
    return prefixes;
  }

  public boolean isEmpty() {
    return prefixes.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AllowedPrefixes a && prefixes.equals(a.prefixes);
  }

  @Override
  public int hashCode() {
    return prefixes.hashCode();
  }

  @Override
  public String toString() {
    return prefixes.toString();
  }
}
