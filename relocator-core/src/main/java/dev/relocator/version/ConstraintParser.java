package dev.relocator.version;

import static dev.relocator.version.VersionSyntax.isDigit;
import static dev.relocator.version.VersionSyntax.isIdentChar;
import static dev.relocator.version.VersionSyntax.isSpace;
import static dev.relocator.version.VersionSyntax.quote;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Masterminds semver v3's constraint syntax in three steps, each a hand-written linear
 * scan mirroring one step of upstream's {@code NewConstraint}:
 *
 * <ol>
 *   <li>hyphen ranges {@code A - B} are rewritten to {@code >= A, <= B } (upstream's
 *       {@code rewriteRange}, including its quirks, see {@link #rewriteRanges});
 *   <li>the text is split at every {@code ||} into OR groups;
 *   <li>each group is a list of terms {@code op? version} separated by whitespace or a comma.
 * </ol>
 */
final class ConstraintParser {
  /** The parsed form: OR groups of AND-ed terms, and whether each group names a pre-release. */
  record Parsed(Term[][] groups, boolean[] groupHasPre) {}

  private final String input;
  private String rewritten; // the text after range rewriting, when it differs from the input

  private ConstraintParser(String input) {
    this.input = input;
  }

  static Parsed parse(String input) {
    return new ConstraintParser(input).parse();
  }

  private Parsed parse() {
    if (VersionSyntax.trimSpace(input).isEmpty()) {
      throw fail("the constraint is empty");
    }
    String text = rewriteRanges(input);
    if (!text.equals(input)) {
      rewritten = text;
    }
    List<Term[]> groups = new ArrayList<>(2);
    int from = 0;
    while (true) {
      int bar = text.indexOf("||", from);
      int end = bar < 0 ? text.length() : bar;
      groups.add(parseGroup(text.substring(from, end)));
      if (bar < 0) {
        break;
      }
      from = bar + 2;
    }
    Term[][] result = groups.toArray(new Term[0][]);
    boolean[] hasPre = new boolean[result.length];
    for (int g = 0; g < result.length; g++) {
      for (Term t : result[g]) {
        hasPre[g] |= t.hasPreRelease();
      }
    }
    return new Parsed(result, hasPre);
  }

  // ---------------------------------------------------------------------------------------
  // Step 1: hyphen ranges.

  /**
   * Upstream finds every non-overlapping, leftmost match of {@code \s*(cv)\s+-\s+(cv)\s*} and
   * replaces the first occurrence of each matched text with {@code >= A, <= B }. We do the same,
   * so the quirks carry over: the leading whitespace belongs to the match, so {@code >1 2 - 3}
   * becomes {@code >1>= 2, <= 3 } and is rejected, while {@code >1, 2 - 3} is accepted; an
   * operator before a range ({@code >= 1 - 2}) is rejected the same way.
   */
  static String rewriteRanges(String s) {
    if (s.indexOf('-') < 0) {
      return s; // fast path: no range possible
    }
    int n = s.length();
    // End offsets of maximal runs, computed right to left, make every match attempt O(1):
    // upstream's regex tries each start offset, and rescanning a long run from each one
    // would be quadratic on hostile input.
    int[] majorEnd = new int[n + 1]; // end of the run of [0-9|xX*] starting here
    int[] idsEnd = new int[n + 1]; // end of the greedy [ids]+(\.[ids]+)* starting here
    majorEnd[n] = n;
    idsEnd[n] = n;
    for (int k = n - 1; k >= 0; k--) {
      char c = s.charAt(k);
      majorEnd[k] = isMajorChar(c) ? majorEnd[k + 1] : k;
      if (!isIdentChar(c)) {
        idsEnd[k] = k;
      } else if (k + 1 < n && isIdentChar(s.charAt(k + 1))) {
        idsEnd[k] = idsEnd[k + 1];
      } else if (k + 2 < n && s.charAt(k + 1) == '.' && isIdentChar(s.charAt(k + 2))) {
        idsEnd[k] = idsEnd[k + 2];
      } else {
        idsEnd[k] = k + 1;
      }
    }
    StringBuilder out = null;
    int copied = 0; // input before this offset is already in out
    int p = 0;
    while (p < n) {
      int q = skipSpace(s, p, n);
      int aEnd = scanLooseVersion(s, q, n, majorEnd, idsEnd);
      if (aEnd > q) {
        int ws = skipSpace(s, aEnd, n);
        if (ws > aEnd && ws < n && s.charAt(ws) == '-') {
          int b = skipSpace(s, ws + 1, n);
          if (b > ws + 1) {
            int bEnd = scanLooseVersion(s, b, n, majorEnd, idsEnd);
            if (bEnd > b) {
              int end = skipSpace(s, bEnd, n);
              // Upstream replaces the first occurrence of the matched text; that is this very
              // match, since earlier text either matched first or was rewritten, and rewritten
              // text never contains " - ". So splice in place, in linear time.
              if (out == null) {
                out = new StringBuilder(n + 16);
              }
              out.append(s, copied, p).append(">= ").append(s, q, aEnd).append(", <= ")
                  .append(s, b, bEnd).append(' ');
              copied = end;
              p = end;
              continue;
            }
          }
        }
      }
      // a run of spaces before q leads to the same attempt from every offset in it
      p = Math.max(p + 1, q);
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  /**
   * Scans upstream's loose constraint version {@code cvRegex} greedily from {@code i}:
   * {@code v? [0-9|xX*]+ (.[0-9|xX*]+)? (.[0-9|xX*]+)? (-ids)? (+ids)?}; returns the end, or
   * {@code i} when nothing matches.
   */
  static int scanLooseVersion(String s, int i, int n) {
    int start = i;
    if (i < n && s.charAt(i) == 'v') {
      i++;
    }
    int major = i;
    while (i < n && isMajorChar(s.charAt(i))) {
      i++;
    }
    if (i == major) {
      return start;
    }
    for (int seg = 0; seg < 2; seg++) {
      if (i + 1 < n && s.charAt(i) == '.' && isMajorChar(s.charAt(i + 1))) {
        i += 2;
        while (i < n && isMajorChar(s.charAt(i))) {
          i++;
        }
      } else {
        break;
      }
    }
    i = scanOptionalIds(s, i, n, '-');
    return scanOptionalIds(s, i, n, '+');
  }

  // scanLooseVersion using the precomputed run ends: constant time per call
  private static int scanLooseVersion(String s, int i, int n, int[] majorEnd, int[] idsEnd) {
    int start = i;
    if (i < n && s.charAt(i) == 'v') {
      i++;
    }
    if (majorEnd[i] == i) {
      return start;
    }
    i = majorEnd[i];
    for (int seg = 0; seg < 2; seg++) {
      if (i + 1 < n && s.charAt(i) == '.' && isMajorChar(s.charAt(i + 1))) {
        i = majorEnd[i + 1];
      } else {
        break;
      }
    }
    if (i + 1 < n && s.charAt(i) == '-' && isIdentChar(s.charAt(i + 1))) {
      i = idsEnd[i + 1];
    }
    if (i + 1 < n && s.charAt(i) == '+' && isIdentChar(s.charAt(i + 1))) {
      i = idsEnd[i + 1];
    }
    return i;
  }

  // Greedy "(<sign>[ids]+(\.[ids]+)*)?": a sign not followed by an identifier is not consumed.
  private static int scanOptionalIds(String s, int i, int n, char sign) {
    if (i + 1 < n && s.charAt(i) == sign && isIdentChar(s.charAt(i + 1))) {
      i += 2;
      while (true) {
        while (i < n && isIdentChar(s.charAt(i))) {
          i++;
        }
        if (i + 1 < n && s.charAt(i) == '.' && isIdentChar(s.charAt(i + 1))) {
          i += 2;
        } else {
          return i;
        }
      }
    }
    return i;
  }

  // upstream's class [0-9|x|X|\*] (the '|' is a literal there, a quirk we keep)
  private static boolean isMajorChar(char c) {
    return isDigit(c) || c == 'x' || c == 'X' || c == '*' || c == '|';
  }

  private static int skipSpace(String s, int i, int n) {
    while (i < n && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  // ---------------------------------------------------------------------------------------
  // Steps 2 and 3: one OR group.

  private Term[] parseGroup(String g) {
    int n = g.length();
    List<Term> terms = new ArrayList<>(2);
    int i = skipSpace(g, 0, n);
    if (i == n) {
      throw fail("an alternative of || is empty");
    }
    while (true) {
      int opStart = i;
      Term.Op op = Term.Op.EQUAL;
      int opLen = 0;
      if (g.startsWith("!=", i)) {
        op = Term.Op.NOT_EQUAL;
        opLen = 2;
      } else if (g.startsWith(">=", i) || g.startsWith("=>", i)) {
        op = Term.Op.GREATER_EQUAL;
        opLen = 2;
      } else if (g.startsWith("<=", i) || g.startsWith("=<", i)) {
        op = Term.Op.LESS_EQUAL;
        opLen = 2;
      } else if (g.startsWith("~>", i)) {
        op = Term.Op.TILDE;
        opLen = 2;
      } else if (i < n) {
        switch (g.charAt(i)) {
          case '=' -> opLen = 1;
          case '>' -> { op = Term.Op.GREATER; opLen = 1; }
          case '<' -> { op = Term.Op.LESS; opLen = 1; }
          case '~' -> { op = Term.Op.TILDE; opLen = 1; }
          case '^' -> { op = Term.Op.CARET; opLen = 1; }
          default -> opLen = 0;
        }
      }
      i = skipSpace(g, i + opLen, n);
      int vEnd = scanLooseVersion(g, i, n);
      if (vEnd == i) {
        throw fail(missingVersion(g, opStart, opLen, i));
      }
      terms.add(toTerm(op, g, i, vEnd));
      int afterSpace = skipSpace(g, vEnd, n);
      if (afterSpace == n) {
        break;
      }
      char c = g.charAt(afterSpace);
      if (c == ',') {
        i = skipSpace(g, afterSpace + 1, n);
        if (i == n) {
          throw fail("a comma must be followed by another comparison");
        }
      } else if (afterSpace > vEnd) {
        i = afterSpace;
      } else {
        throw fail(trailingProblem(g, i, vEnd));
      }
    }
    return terms.toArray(new Term[0]);
  }

  private static String missingVersion(String g, int opStart, int opLen, int at) {
    if (at >= g.length()) {
      return opLen > 0
          ? "operator \"" + g.substring(opStart, opStart + opLen) + "\" is not followed by a version"
          : "expected a version at the end";
    }
    char c = g.charAt(at);
    if (opLen > 0 && (c == '=' || c == '>' || c == '<' || c == '!' || c == '~' || c == '^')) {
      int end = at;
      while (end < g.length() && "=<>!~^".indexOf(g.charAt(end)) >= 0) {
        end++;
      }
      return "unknown operator \"" + g.substring(opStart, end) + "\"";
    }
    if (opLen == 0 && "=<>!~^".indexOf(c) >= 0) {
      int end = at;
      while (end < g.length() && "=<>!~^".indexOf(g.charAt(end)) >= 0) {
        end++;
      }
      return "unknown operator \"" + g.substring(at, end) + "\"";
    }
    return "expected a version where " + quote(tokenAt(g, at)) + " is";
  }

  private static String trailingProblem(String g, int versionStart, int versionEnd) {
    String token = tokenAt(g, versionStart);
    char c = g.charAt(versionEnd);
    if (c == '.') {
      return "invalid version " + quote(token) + ": a version has at most three segments";
    }
    if (c == '-' || c == '+') {
      return "invalid version " + quote(token) + ": empty pre-release or metadata identifier";
    }
    return "invalid version " + quote(token) + ": unexpected '" + c + "' (separate comparisons "
        + "with a space or a comma, alternatives with ||)";
  }

  // The whitespace/comma-delimited token starting at i, for messages.
  private static String tokenAt(String g, int i) {
    int end = i;
    while (end < g.length() && !isSpace(g.charAt(end)) && g.charAt(end) != ',') {
      end++;
    }
    return g.substring(i, Math.max(end, Math.min(i + 1, g.length())));
  }

  /**
   * Upstream's parseConstraint: a wildcard (or missing) segment makes the term dirty and zeroes
   * it and every later segment (which is then not checked at all); the remaining segments must
   * be numbers and any pre-release must be valid.
   */
  private Term toTerm(Term.Op op, String g, int from, int to) {
    String cv = g.substring(from, to);
    int i = from;
    if (g.charAt(i) == 'v') {
      i++;
    }
    int[] segStart = new int[3];
    int[] segEnd = new int[3];
    int segments = 0;
    while (segments < 3) {
      int s = i;
      while (i < to && isMajorChar(g.charAt(i))) {
        i++;
      }
      segStart[segments] = s;
      segEnd[segments] = i;
      segments++;
      if (i + 1 < to && g.charAt(i) == '.' && isMajorChar(g.charAt(i + 1)) && segments < 3) {
        i++;
      } else {
        break;
      }
    }
    String pre = "";
    String meta = "";
    if (i < to && g.charAt(i) == '-') {
      int e = i + 1;
      while (e < to && g.charAt(e) != '+') {
        e++;
      }
      pre = g.substring(i + 1, e);
      i = e;
    }
    if (i < to && g.charAt(i) == '+') {
      meta = g.substring(i + 1, to);
    }
    int numeric = 3; // how many leading segments are numbers
    for (int k = 0; k < 3; k++) {
      if (k >= segments || isWildcard(g, segStart[k], segEnd[k])) {
        numeric = k;
        break;
      }
    }
    long[] value = new long[3];
    for (int k = 0; k < numeric; k++) {
      for (int c = segStart[k]; c < segEnd[k]; c++) {
        if (!isDigit(g.charAt(c))) {
          throw fail("invalid version " + quote(cv) + ": segment \""
              + g.substring(segStart[k], segEnd[k]) + "\" is neither a number nor one of x, X, *");
        }
      }
      value[k] = VersionSyntax.parseUnsigned(g, segStart[k], segEnd[k]);
      if (!VersionSyntax.fitsUnsigned(g, segStart[k], segEnd[k])) {
        throw fail("invalid version " + quote(cv) + ": number "
            + g.substring(segStart[k], segEnd[k]) + " is larger than 2^64-1");
      }
    }
    String why = pre.isEmpty() ? null : VersionSyntax.preReleaseProblem(pre);
    if (why != null) {
      throw fail("invalid version " + quote(cv) + ": " + why);
    }
    boolean dirty = numeric < 3;
    // upstream drops build metadata from dirty versions (it rebuilds them as "M.m.0-pre")
    Version con = new Version(value[0], value[1], value[2], pre, dirty ? "" : meta, cv);
    return new Term(op, con, dirty, numeric == 1, numeric == 2);
  }

  private static boolean isWildcard(String g, int from, int to) {
    if (to - from != 1) {
      return false;
    }
    char c = g.charAt(from);
    return c == 'x' || c == 'X' || c == '*';
  }

  private InvalidVersionException fail(String why) {
    String note = rewritten == null ? ""
        : " (in " + quote(rewritten) + ", after rewriting hyphen ranges as Masterminds does;"
            + " a range must start the constraint or follow a comma or ||)";
    return new InvalidVersionException("improper constraint " + quote(input) + ": " + why + note);
  }
}
