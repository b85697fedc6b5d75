package dev.relocator.image;

/**
 * A single-pass, allocation-light parser for Docker's reference grammar with {@code
 * ParseNormalizedNamed}'s normalisation. Each character is looked at a bounded number of times,
 * so hostile input fails in linear time; there is no regular expression and no backtracking.
 */
final class ReferenceParser {
  /** Docker Hub's canonical name (upstream {@code defaultDomain}). */
  static final String DEFAULT_DOMAIN = "docker.io";
  /** Docker Hub's legacy "index" name, canonicalised to {@link #DEFAULT_DOMAIN}. */
  static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  /** Namespace of Docker Hub's official images ({@code nginx} is {@code library/nginx}). */
  static final String OFFICIAL_PREFIX = "library/";
  /** Always a domain, even without a dot or port. */
  static final String LOCALHOST = "localhost";
  /** Upstream {@code RepositoryNameTotalLengthMax}, applied to the path as upstream does. */
  static final int MAX_PATH_LENGTH = 255;
  /** Upstream tag grammar {@code [\w][\w.-]{0,127}}. */
  static final int MAX_TAG_LENGTH = 128;

  private ReferenceParser() {}

  static ImageReference parse(String s) {
    int n = s.length();
    if (n == 0) {
      throw fail(s, "reference is empty");
    }
    // Upstream refuses a bare 64-hex string: it is an image ID, not a repository.
    if (n == 64 && isLowerHex(s, 0, 64)) {
      throw fail(s, "a 64-character hexadecimal string is an image ID, not a repository name");
    }

    int pathStart;
    boolean officialPrefix;
    boolean inputIsCanonical;
    int slash = s.indexOf('/');
    if (slash < 0) {
      // A single component ("nginx", "nginx:1.25", even "localhost:5000") is an official image.
      pathStart = 0;
      officialPrefix = true;
      inputIsCanonical = false;
    } else if (isDomainLike(s, slash)) {
      if (s.charAt(slash - 1) == ':' && slash + 1 < n && s.charAt(slash + 1) == '/') {
        throw fail(s, "a reference has no URL scheme; remove " + InvalidReferenceException.quote(s.substring(0, slash + 2)));
      }
      checkDomain(s, 0, slash, s);
      boolean legacy = slash == LEGACY_DEFAULT_DOMAIN.length() && s.startsWith(LEGACY_DEFAULT_DOMAIN);
      boolean dockerHub = legacy || (slash == DEFAULT_DOMAIN.length() && s.startsWith(DEFAULT_DOMAIN));
      inputIsCanonical = !legacy;
      pathStart = slash + 1;
      // "docker.io/nginx" is "docker.io/library/nginx"; other registries keep one-component paths.
      officialPrefix = dockerHub && s.indexOf('/', pathStart) < 0;
      inputIsCanonical &= !officialPrefix;
    } else {
      // "bitnami/redis": the first component is a Docker Hub namespace.
      pathStart = 0;
      officialPrefix = false;
      inputIsCanonical = false;
    }

    int pathEnd = scanPath(s, pathStart, s);
    int pathLength = pathEnd - pathStart + (officialPrefix ? OFFICIAL_PREFIX.length() : 0);
    if (pathLength > MAX_PATH_LENGTH) {
      throw fail(s, "repository path must not be longer than " + MAX_PATH_LENGTH
          + " characters, found " + pathLength);
    }

    int tagEnd = pathEnd;
    if (tagEnd < n && s.charAt(tagEnd) == ':') {
      tagEnd = scanTag(s, tagEnd + 1, s);
    }
    DigestAlgorithm digestAlgorithm = null;
    if (tagEnd < n) {
      // scanTag and scanPath stop only at '@' or the end.
      digestAlgorithm = Digest.validate(s, tagEnd + 1, "reference", s);
    }

    if (inputIsCanonical) {
      return new ImageReference(s, slash, pathEnd, tagEnd, digestAlgorithm);
    }
    // Build the canonical text once; every part is then a view of it.
    String canonical;
    if (pathStart == 0) {
      canonical = (officialPrefix ? DEFAULT_DOMAIN + "/" + OFFICIAL_PREFIX : DEFAULT_DOMAIN + "/") + s;
    } else {
      canonical = (officialPrefix ? DEFAULT_DOMAIN + "/" + OFFICIAL_PREFIX : DEFAULT_DOMAIN + "/")
          + s.substring(pathStart);
    }
    int shift = canonical.length() - n;
    return new ImageReference(
        canonical, DEFAULT_DOMAIN.length(), pathEnd + shift, tagEnd + shift, digestAlgorithm);
  }

  /**
   * Whether a valid Docker Hub path, written without a domain, parses back onto Docker Hub
   * unchanged: its first component must not look like a registry and it must not be an image ID.
   */
  static boolean readsAsDockerHubPath(String path) {
    int slash = path.indexOf('/');
    if (slash < 0) {
      return !(path.length() == 64 && isLowerHex(path, 0, 64));
    }
    return !isDomainLike(path, slash);
  }

  /**
   * Upstream {@code splitDockerDomain}: the first component is a registry when it is {@code
   * localhost} or contains a dot, a colon or an uppercase letter (paths are lowercase, so an
   * uppercase first component cannot be a namespace).
   */
  private static boolean isDomainLike(String s, int end) {
    if (end == LOCALHOST.length() && s.startsWith(LOCALHOST)) {
      return true;
    }
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 0x80 && Character.isUpperCase(c))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks {@code s[from, to)} against upstream's {@code domainAndPort}: either dot-separated
   * labels of letters, digits and inner dashes, or an IPv6 address in brackets; then an optional
   * {@code :port} of digits.
   */
  static void checkDomain(String s, int from, int to, String input) {
    int i = from;
    if (i < to && s.charAt(i) == '[') {
      // Upstream ipv6address: \[[a-fA-F0-9:]+\]; zones and embedded IPv4 are excluded.
      int close = i + 1;
      while (close < to && isIpv6Char(s.charAt(close))) {
        close++;
      }
      if (close == i + 1 || close >= to || s.charAt(close) != ']') {
        throw fail(input, "registry host " + quoted(s, from, to)
            + " is not a valid IPv6 address in brackets (hex digits and ':' only, no zone)");
      }
      i = close + 1;
    } else {
      int labelStart = i;
      while (true) {
        while (i < to && isDomainLabelChar(s.charAt(i))) {
          i++;
        }
        if (i == labelStart || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
          throw fail(input, "registry host " + quoted(s, from, to) + " is not a valid host name"
              + " (labels are letters, digits and inner '-', joined by single '.')");
        }
        if (i < to && s.charAt(i) == '.') {
          labelStart = ++i;
          continue;
        }
        break;
      }
    }
    if (i < to && s.charAt(i) == ':') {
      int portStart = ++i;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == portStart || i < to) {
        throw fail(input, "registry port in " + quoted(s, from, to) + " must be digits");
      }
    }
    if (i < to) {
      throw fail(input, "registry host " + quoted(s, from, to) + " is not a valid host name: "
          + describe(s.charAt(i)) + " is not allowed");
    }
  }

  /**
   * Scans upstream's {@code remoteName} from {@code from}: components {@code [a-z0-9]+} joined
   * by one separator ({@code .}, {@code _}, {@code __} or a run of {@code -}), components joined
   * by {@code /}. Returns the index of the first character after it, which is the end, {@code :}
   * or {@code @}.
   */
  static int scanPath(String s, int from, String input) {
    int n = s.length();
    int i = from;
    int componentStart = from;
    while (true) {
      // One component: alphanumeric (separator alphanumeric)*.
      if (i >= n || !isLowerAlnum(s.charAt(i))) {
        throw componentError(s, from, componentStart, i, input);
      }
      while (true) {
        while (i < n && isLowerAlnum(s.charAt(i))) {
          i++;
        }
        if (i >= n) {
          return i;
        }
        char c = s.charAt(i);
        int separatorStart = i;
        if (c == '.') {
          i++;
        } else if (c == '_') {
          i++;
          if (i < n && s.charAt(i) == '_') {
            i++;
          }
        } else if (c == '-') {
          while (i < n && s.charAt(i) == '-') {
            i++;
          }
        } else {
          break;
        }
        if (i >= n || !isLowerAlnum(s.charAt(i))) {
          throw separatorError(s, from, componentStart, separatorStart, i, input);
        }
      }
      char c = s.charAt(i);
      if (c == '/') {
        componentStart = ++i;
        continue;
      }
      if (c == ':' || c == '@') {
        return i;
      }
      throw charError(s, i, "repository name", input);
    }
  }

  /** Scans a tag {@code [\w][\w.-]{0,127}} from {@code from}; returns its end (the end or {@code @}). */
  static int scanTag(String s, int from, String input) {
    int n = s.length();
    if (from >= n || s.charAt(from) == '@') {
      throw fail(input, "tag is empty");
    }
    if (!isWordChar(s.charAt(from))) {
      throw fail(input, "tag must start with a letter, digit or '_', found " + describe(s.charAt(from)));
    }
    int i = from + 1;
    while (i < n) {
      char c = s.charAt(i);
      if (isWordChar(c) || c == '.' || c == '-') {
        i++;
      } else if (c == '@') {
        break;
      } else {
        throw charError(s, i, "tag", input);
      }
    }
    if (i - from > MAX_TAG_LENGTH) {
      throw fail(input, "tag is longer than " + MAX_TAG_LENGTH + " characters (" + (i - from) + ")");
    }
    return i;
  }

  private static InvalidReferenceException componentError(
      String s, int pathStart, int componentStart, int i, String input) {
    int n = s.length();
    if (i >= n || s.charAt(i) == '/' || s.charAt(i) == ':' || s.charAt(i) == '@') {
      if (i == pathStart && (i >= n || s.charAt(i) != '/')) {
        return fail(input, "repository name must have at least one component");
      }
      return fail(input, "repository name must not contain an empty path component"
          + " (a leading, trailing or doubled '/')");
    }
    char c = s.charAt(i);
    if (c == '.' || c == '_' || c == '-') {
      return fail(input, "path component " + quoted(s, componentStart, componentEnd(s, i))
          + " must start with a lowercase letter or digit");
    }
    return charError(s, i, "repository name", input);
  }

  private static InvalidReferenceException separatorError(
      String s, int pathStart, int componentStart, int separatorStart, int i, String input) {
    int n = s.length();
    String component = quoted(s, componentStart, componentEnd(s, separatorStart));
    if (i >= n || s.charAt(i) == '/' || s.charAt(i) == ':' || s.charAt(i) == '@') {
      return fail(input, "path component " + component + " must end with a lowercase letter or digit");
    }
    char c = s.charAt(i);
    if (c == '.' || c == '_' || c == '-') {
      return fail(input, "path component " + component + " joins letters and digits with "
          + quoted(s, separatorStart, i + 1) + "; only one '.', one or two '_', or a run of '-' may");
    }
    return charError(s, i, "repository name", input);
  }

  private static InvalidReferenceException charError(String s, int i, String where, String input) {
    char c = s.charAt(i);
    if ((c >= 'A' && c <= 'Z') && where.equals("repository name")) {
      return fail(input, "repository name must be lowercase");
    }
    return fail(input, describe(c) + " at position " + (i + 1) + " is not allowed in a " + where);
  }

  private static int componentEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '/' && s.charAt(i) != ':' && s.charAt(i) != '@') {
      i++;
    }
    return i;
  }

  static InvalidReferenceException fail(String input, String reason) {
    return new InvalidReferenceException(input, reason);
  }

  private static String quoted(String s, int from, int to) {
    return InvalidReferenceException.quote(s.substring(from, to));
  }

  /** A character for a message: printable ASCII quoted, anything else as its code point. */
  static String describe(char c) {
    if (c > 0x20 && c < 0x7f && c != '\'') {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Go's ASCII {@code \w}. */
  private static boolean isWordChar(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDomainLabelChar(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static boolean isIpv6Char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
