package dev.relocator.image;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slow, literal model of upstream's {@code ParseNormalizedNamed} for differential tests: the
 * reference grammar as java.util.regex patterns, upstream's domain split, lowercase check,
 * path limit and go-digest's validation, step by step in upstream's order. Test-only; the
 * production parser shares none of it.
 */
final class UpstreamModel {

  /** What the model concluded. */
  record Outcome(boolean accepted, boolean emptyDomain, String domain, String path, String tag, String digest) {
    static Outcome rejected() {
      return new Outcome(false, false, null, null, null, null);
    }
  }

  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String REMOTE = COMPONENT + "(?:/" + COMPONENT + ")*";
  private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST = "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + REMOTE;
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";

  private static final Pattern REFERENCE =
      Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern ANCHORED_NAME = Pattern.compile("^(?:(" + DOMAIN + ")/)?(" + REMOTE + ")$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");

  private UpstreamModel() {}

  static Outcome parseNormalizedNamed(String s) {
    if (IDENTIFIER.matcher(s).matches()) {
      return Outcome.rejected();
    }
    String domain;
    String remainder;
    int slash = s.indexOf('/');
    if (slash < 0) {
      domain = "docker.io";
      remainder = "library/" + s;
    } else {
      String first = s.substring(0, slash);
      String rest = s.substring(slash + 1);
      if (first.equals("localhost")) {
        domain = first;
        remainder = rest;
      } else if (first.equals("index.docker.io")) {
        domain = "docker.io";
        remainder = rest;
      } else if (first.contains(".") || first.contains(":")) {
        domain = first;
        remainder = rest;
      } else if (!first.toLowerCase(Locale.ROOT).equals(first)) {
        domain = first;
        remainder = rest;
      } else {
        domain = "docker.io";
        remainder = s;
      }
      if (domain.equals("docker.io") && remainder.indexOf('/') < 0) {
        remainder = "library/" + remainder;
      }
    }
    int colon = remainder.indexOf(':');
    String remote = colon < 0 ? remainder : remainder.substring(0, colon);
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      return Outcome.rejected();
    }
    Matcher m = REFERENCE.matcher(domain + "/" + remainder);
    if (!m.matches()) {
      return Outcome.rejected();
    }
    Matcher name = ANCHORED_NAME.matcher(m.group(1));
    if (!name.matches()) {
      return Outcome.rejected();
    }
    String parsedDomain = name.group(1) == null ? "" : name.group(1);
    String path = name.group(2);
    if (path.length() > 255) {
      return Outcome.rejected();
    }
    String digest = m.group(3);
    if (digest != null && !goDigestValid(digest)) {
      return Outcome.rejected();
    }
    return new Outcome(true, parsedDomain.isEmpty(), parsedDomain, path, m.group(2), digest);
  }

  /** go-digest's Validate with sha256, sha384 and sha512 registered. */
  private static boolean goDigestValid(String d) {
    int i = d.indexOf(':');
    String algorithm = d.substring(0, i);
    String encoded = d.substring(i + 1);
    int size;
    switch (algorithm) {
      case "sha256" -> size = 64;
      case "sha384" -> size = 96;
      case "sha512" -> size = 128;
      default -> {
        return false;
      }
    }
    return encoded.length() == size && encoded.matches("[a-f0-9]+");
  }
}
