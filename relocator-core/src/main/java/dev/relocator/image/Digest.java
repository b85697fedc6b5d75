package dev.relocator.image;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A content digest {@code algorithm:encoded}, e.g. {@code sha256:<64 lowercase hex>}: the
 * immutable, validated identity of a manifest or blob.
 *
 * <p>Accepts what Docker accepts: sha256 (64 hex), sha384 (96 hex) and sha512 (128 hex), encoded
 * as lowercase hex. Other algorithms that follow the reference grammar
 * ({@code [A-Za-z][A-Za-z0-9]*} components joined by {@code + . _ -}) are rejected as unsupported,
 * as go-digest does.
 */
public final class Digest implements Comparable<Digest> {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final DigestAlgorithm algorithm;
  /** The whole {@code algorithm:encoded} text; {@link #encoded()} is a view of it. */
  private final String text;

  private Digest(DigestAlgorithm algorithm, String text) {
    this.algorithm = algorithm;
    this.text = text;
  }

  /** Parses {@code sha256:…}, {@code sha384:…}, {@code sha512:…}; throws {@link InvalidReferenceException}. */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    return parse(text, 0, "digest", text);
  }

  /** A digest from its two parts, validated as {@link #parse} does. */
  public static Digest of(String algorithm, String encoded) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(encoded, "encoded");
    return parse(algorithm + ":" + encoded);
  }

  /** The digest of {@code bytes} with sha256. */
  public static Digest sha256(byte[] bytes) {
    return ofHash(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(bytes));
  }

  /**
   * A digest from raw hash bytes, e.g. from a {@link MessageDigest} obtained through {@link
   * #newMessageDigest()} after streaming a blob through it.
   */
  public static Digest ofHash(String algorithm, byte[] hash) {
    DigestAlgorithm a = DigestAlgorithm.find(algorithm, 0, algorithm.length());
    if (a == null) {
      throw new InvalidReferenceException(
          "digest", algorithm, "unsupported digest algorithm (supported: " + DigestAlgorithm.supportedList() + ")");
    }
    return ofHash(a, hash);
  }

  private static Digest ofHash(DigestAlgorithm a, byte[] hash) {
    if (hash.length * 2 != a.hexLength) {
      throw new IllegalArgumentException(
          a.id + " hash must be " + a.hexLength / 2 + " bytes, got " + hash.length);
    }
    StringBuilder out = new StringBuilder(a.id.length() + 1 + a.hexLength).append(a.id).append(':');
    for (byte b : hash) {
      out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
    return new Digest(a, out.toString());
  }

  /**
   * Parses the digest that spans {@code source[from..]}; errors quote {@code input} as a {@code
   * kind} ("digest" or "reference") so a bad digest inside a reference names the reference.
   */
  static Digest parse(String source, int from, String kind, String input) {
    DigestAlgorithm a = validate(source, from, kind, input);
    return new Digest(a, from == 0 ? source : source.substring(from));
  }

  /** Wraps already validated text, e.g. the tail of a parsed reference. */
  static Digest ofValidated(DigestAlgorithm algorithm, String text) {
    return new Digest(algorithm, text);
  }

  /** Checks the digest spanning {@code source[from..]} without copying it; returns its algorithm. */
  static DigestAlgorithm validate(String source, int from, String kind, String input) {
    int end = source.length();
    int colon = source.indexOf(':', from);
    if (colon < 0) {
      throw new InvalidReferenceException(kind, input, "digest must have the form algorithm:hex, e.g. sha256:<64 hex>");
    }
    DigestAlgorithm a = DigestAlgorithm.find(source, from, colon);
    if (a == null) {
      String name = source.substring(from, colon);
      if (!isAlgorithmGrammar(source, from, colon)) {
        throw new InvalidReferenceException(kind, input,
            "digest algorithm " + InvalidReferenceException.quote(name) + " is malformed");
      }
      throw new InvalidReferenceException(kind, input, "unsupported digest algorithm "
          + InvalidReferenceException.quote(name) + " (supported: " + DigestAlgorithm.supportedList() + ")");
    }
    int length = end - colon - 1;
    if (length != a.hexLength) {
      throw new InvalidReferenceException(kind, input,
          a.id + " digest must have " + a.hexLength + " hex characters, found " + length);
    }
    for (int i = colon + 1; i < end; i++) {
      char c = source.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new InvalidReferenceException(kind, input,
            a.id + " digest must be lowercase hex, found " + ReferenceParser.describe(c) + " at position " + (i + 1));
      }
    }
    return a;
  }

  /** The algorithm, for package-internal callers that avoid string comparisons. */
  DigestAlgorithm algorithmValue() {
    return algorithm;
  }

  /** The reference grammar's digest-algorithm: components {@code [A-Za-z][A-Za-z0-9]*} joined by one of {@code +._-}. */
  private static boolean isAlgorithmGrammar(String s, int from, int to) {
    boolean expectStart = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (expectStart) {
        if (!letter) {
          return false;
        }
        expectStart = false;
      } else if (c == '+' || c == '.' || c == '_' || c == '-') {
        expectStart = true;
      } else if (!letter && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !expectStart;
  }

  /** The algorithm name, e.g. {@code sha256}. */
  public String algorithm() {
    return algorithm.id;
  }

  /** The lowercase hex part after the colon. */
  public String encoded() {
    return text.substring(algorithm.id.length() + 1);
  }

  /** A fresh {@link MessageDigest} for this digest's algorithm, to hash streamed content. */
  public MessageDigest newMessageDigest() {
    return algorithm.newMessageDigest();
  }

  /** Whether {@code content} hashes to this digest. */
  public boolean matches(byte[] content) {
    return ofHash(algorithm, algorithm.newMessageDigest().digest(content)).equals(this);
  }

  /** Orders by the {@code algorithm:encoded} text, so sorted output is stable and readable. */
  @Override
  public int compareTo(Digest other) {
    return text.compareTo(other.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest && ((Digest) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** {@code algorithm:encoded}; round-trips through {@link #parse}. */
  @Override
  public String toString() {
    return text;
  }
}
