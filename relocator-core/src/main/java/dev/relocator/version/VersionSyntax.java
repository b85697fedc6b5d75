package dev.relocator.version;

/**
 * Hand-written scanners for Masterminds semver v3's version syntax: a single left-to-right pass,
 * no regular expressions, so hostile input cannot trigger backtracking.
 */
final class VersionSyntax {
  private VersionSyntax() {}

  /** Outcome of {@link #parseVersion}: a version, or the reason it is invalid. */
  record Parsed(Version version, int segments, String error) {
    static Parsed failure(String error) {
      return new Parsed(null, 0, error);
    }
  }

  /**
   * Masterminds' loose {@code NewVersion}: {@code v?N(.N)?(.N)?(-pre)?(+meta)?}, where numeric
   * segments may have leading zeros (v3.4 coerces them) but numeric pre-release identifiers may
   * not (semver 2.0 item 9, checked by upstream's validatePrerelease).
   */
  static Parsed parseVersion(String text) {
    int n = text.length();
    if (n == 0) {
      return Parsed.failure("empty text");
    }
    int i = 0;
    if (text.charAt(0) == 'v') {
      i = 1; // only a lowercase v, as upstream
    }
    long[] numbers = new long[3];
    int segments = 0;
    while (true) {
      int start = i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        if (segments == 0) {
          return Parsed.failure(i < n
              ? "expected a number at offset " + i + ", found '" + text.charAt(i) + "'"
              : "expected a number after \"v\"");
        }
        return Parsed.failure("expected a number after '.' at offset " + (i - 1));
      }
      long value = parseUnsigned(text, start, i);
      if (value == OVERFLOW && !fitsUnsigned(text, start, i)) {
        return Parsed.failure("number " + text.substring(start, i) + " is larger than 2^64-1");
      }
      numbers[segments++] = value;
      if (i < n && text.charAt(i) == '.' && segments < 3) {
        i++;
        continue;
      }
      break;
    }
    String pre = "";
    String meta = "";
    if (i < n && text.charAt(i) == '-') {
      int end = scanIdentifiers(text, i + 1, n);
      if (end < 0) {
        return Parsed.failure("empty identifier in pre-release at offset " + (-end - 1));
      }
      pre = text.substring(i + 1, end);
      String why = preReleaseProblem(pre);
      if (why != null) {
        return Parsed.failure(why);
      }
      i = end;
    }
    if (i < n && text.charAt(i) == '+') {
      int end = scanIdentifiers(text, i + 1, n);
      if (end < 0) {
        return Parsed.failure("empty identifier in build metadata at offset " + (-end - 1));
      }
      meta = text.substring(i + 1, end);
      i = end;
    }
    if (i < n) {
      char c = text.charAt(i);
      if (c == '.' && segments == 3 && pre.isEmpty() && meta.isEmpty()) {
        return Parsed.failure("a version has at most three numeric segments");
      }
      return Parsed.failure("unexpected '" + c + "' at offset " + i);
    }
    Version v = new Version(numbers[0], numbers[1], numbers[2], pre, meta, text);
    return new Parsed(v, segments, null);
  }

  /**
   * Scans dot-separated identifiers of {@code [0-9A-Za-z-]} starting at {@code from}; returns the
   * end offset, or {@code -(offset + 1)} of the first empty identifier.
   */
  static int scanIdentifiers(String text, int from, int limit) {
    int i = from;
    while (true) {
      int start = i;
      while (i < limit && isIdentChar(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -(start + 1);
      }
      if (i < limit && text.charAt(i) == '.') {
        i++;
        continue;
      }
      return i;
    }
  }

  /** Why a pre-release is invalid (a numeric identifier with a leading zero), or null. */
  static String preReleaseProblem(String pre) {
    int start = 0;
    int n = pre.length();
    while (start <= n) {
      int end = pre.indexOf('.', start);
      if (end < 0) {
        end = n;
      }
      boolean numeric = true;
      for (int k = start; k < end; k++) {
        if (!isDigit(pre.charAt(k))) {
          numeric = false;
          break;
        }
      }
      if (numeric && end - start > 1 && pre.charAt(start) == '0') {
        return "numeric pre-release identifier \"" + pre.substring(start, end)
            + "\" has a leading zero";
      }
      start = end + 1;
    }
    return null;
  }

  /** Semver precedence of two non-empty pre-releases, identifier by identifier. */
  static int comparePreRelease(String a, String b) {
    int ia = 0;
    int ib = 0;
    int na = a.length();
    int nb = b.length();
    while (ia <= na || ib <= nb) {
      int ea = ia <= na ? endOfIdent(a, ia) : ia;
      int eb = ib <= nb ? endOfIdent(b, ib) : ib;
      String pa = ia <= na ? a.substring(ia, ea) : "";
      String pb = ib <= nb ? b.substring(ib, eb) : "";
      int d = comparePart(pa, pb);
      if (d != 0) {
        return d;
      }
      ia = ea + 1;
      ib = eb + 1;
    }
    return 0;
  }

  private static int endOfIdent(String s, int from) {
    int e = s.indexOf('.', from);
    return e < 0 ? s.length() : e;
  }

  // Mirrors upstream comparePrePart: a missing identifier ranks lowest, numbers (that fit in
  // uint64) rank below alphanumerics, alphanumerics compare by bytes.
  private static int comparePart(String s, String o) {
    if (s.equals(o)) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    if (o.isEmpty()) {
      return 1;
    }
    boolean sNum = isUint64(s);
    boolean oNum = isUint64(o);
    if (!sNum && !oNum) {
      return s.compareTo(o) > 0 ? 1 : -1;
    }
    if (!oNum) {
      return -1;
    }
    if (!sNum) {
      return 1;
    }
    return Long.compareUnsigned(Long.parseUnsignedLong(s), Long.parseUnsignedLong(o)) > 0 ? 1 : -1;
  }

  private static boolean isUint64(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return fitsUnsigned(s, 0, s.length());
  }

  static final long OVERFLOW = -1L; // 2^64-1 as unsigned; checked with fitsUnsigned

  /** Parses decimal digits as an unsigned 64-bit value; saturates at 2^64-1. */
  static long parseUnsigned(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      // v * 10 + d overflows unsigned when v > (2^64-1 - d) / 10
      if (Long.compareUnsigned(v, Long.divideUnsigned(OVERFLOW - d, 10)) > 0) {
        return OVERFLOW;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Whether the digits fit in an unsigned 64-bit value. */
  static boolean fitsUnsigned(String s, int from, int to) {
    int i = from;
    while (i < to - 1 && s.charAt(i) == '0') {
      i++;
    }
    int len = to - i;
    if (len < 20) {
      return true;
    }
    if (len > 20) {
      return false;
    }
    return s.substring(i, to).compareTo("18446744073709551615") <= 0;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  /** Go's {@code \s} in RE2: space, tab, newline, form feed, carriage return. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  static String trimSpace(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** Quotes user text for an error message, escaping quotes and control characters. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    int limit = Math.min(s.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    if (s.length() > limit) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
