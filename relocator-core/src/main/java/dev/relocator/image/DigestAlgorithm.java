package dev.relocator.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest algorithms a reference may name. Mirrors the set Docker accepts: go-digest knows
 * sha256, sha384 and sha512 and rejects every other algorithm as unsupported.
 */
enum DigestAlgorithm {
  SHA256("sha256", "SHA-256", 64),
  SHA384("sha384", "SHA-384", 96),
  SHA512("sha512", "SHA-512", 128);

  final String id;
  final String jcaName;
  /** Number of lowercase hex characters in the encoded part. */
  final int hexLength;

  DigestAlgorithm(String id, String jcaName, int hexLength) {
    this.id = id;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** The algorithm named by {@code text[from, to)}, or null when it is not one we support. */
  static DigestAlgorithm find(String text, int from, int to) {
    if (to - from != 6 || !text.startsWith("sha", from)) {
      return null;
    }
    for (DigestAlgorithm a : values()) {
      if (text.startsWith(a.id, from)) {
        return a;
      }
    }
    return null;
  }

  static String supportedList() {
    return "sha256, sha384, sha512";
  }

  MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256, SHA-384 and SHA-512.
      throw new IllegalStateException("JCA lacks " + jcaName, e);
    }
  }
}
