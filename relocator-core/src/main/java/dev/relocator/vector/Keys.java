package dev.relocator.vector;

import dev.relocator.Suggestions;
import java.util.List;

/** The keys a vector may hold at each level, and "did you mean" for keys that are near misses. */
final class Keys {
  static final List<String> TOP = List.of("images", "caBundle");
  static final List<String> ENTRY =
      List.of(
          "name",
          "sourceRepository",
          "repository",
          "tag",
          "ref",
          "version",
          "runtimeVersion",
          "targetVersion",
          "architectures",
          "labels",
          "resourceId");
  static final List<String> CA_BUNDLE = List.of("inline");
  static final List<String> LABEL = List.of("name", "value");

  private Keys() {}

  /** The known key {@code key} most likely meant, or null when none is close. */
  static String suggest(String key, List<String> known) {
    return Suggestions.closest(key, known);
  }
}
