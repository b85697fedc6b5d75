package dev.relocator;

import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for names that are near misses of known ones: keys of image vectors, rules,
 * relocation and KubeOne files, ImageMaps, architectures. The one table of how near is near.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The known name {@code key} most likely meant (any case, or a small edit away: one for short
   * names, two for longer ones, a swap of neighbours counting as one), or null when none is close.
   */
  public static String closest(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(key)) {
        return candidate;
      }
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    // Short keys tolerate one edit; longer ones two (`targetVerison`, `architecture`).
    int allowed = key.length() <= 4 ? 1 : 2;
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
      }
    }
    return d[a.length()][b.length()];
  }
}
