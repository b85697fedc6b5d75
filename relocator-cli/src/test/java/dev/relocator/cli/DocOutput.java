package dev.relocator.cli;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares the output a page shows with what a command printed. Only what genuinely varies is
 * normalised: the loopback registries' ports (the page's registry names are put back), the page's
 * working directory (a temporary one), trailing blanks. Everything else must match, except where
 * the page marks an elision with {@code ...} (or {@code …}): a line of its own stands for any number
 * of lines, inside a line for any text (a digest the reader's run will differ in, say).
 */
final class DocOutput {
  private DocOutput() {}

  /** {@code actual} with every replacement's key turned into its value (real ports to the page's names), blanks trimmed. */
  static String normalise(String actual, Map<String, String> replacements) {
    String s = actual.replace("\r\n", "\n");
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      s = s.replace(r.getKey(), r.getValue());
    }
    return trim(s);
  }

  static boolean matches(String expected, String normalisedActual) {
    return pattern(trim(expected)).matcher(normalisedActual).matches();
  }

  private static Pattern pattern(String expected) {
    StringBuilder regex = new StringBuilder();
    String[] lines = expected.split("\n", -1);
    boolean lineStart = true; // nothing yet, or an elision at the top that ends with its newline
    for (String line : lines) {
      if (line.strip().equals("...") || line.strip().equals("…")) {
        // Any number of whole lines, none included.
        regex.append(lineStart ? "(?:[^\\n]*\\n)*?" : "(?:\\n[^\\n]*)*?");
        continue;
      }
      regex.append(lineStart ? "" : "\\n");
      lineStart = false;
      String[] parts = line.split("\\.\\.\\.|…", -1);
      for (int p = 0; p < parts.length; p++) {
        regex.append(p > 0 ? "[^\\n]*?" : "").append(Pattern.quote(parts[p]));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static String trim(String s) {
    return String.join("\n", s.lines().map(String::stripTrailing).toList()).replaceAll("^\\n+|\\n+$", "");
  }

}
