package dev.relocator.registry.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bytes with a media type, as a registry stores them: a blob or a manifest. */
public record Document(String mediaType, byte[] bytes) {
  public static Document json(String mediaType, String json) {
    return new Document(mediaType, json.getBytes(StandardCharsets.UTF_8));
  }

  public String digest() {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sha256-<hex>}: the tag cosign and the referrers fallback scheme derive from the digest. */
  public String tagBase() {
    return digest().replace(':', '-');
  }

  public int size() {
    return bytes.length;
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The descriptor JSON, with {@code extra} fields (e.g. {@code ,"artifactType":"..."}) appended. */
  public String descriptor(String extra) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest() + "\",\"size\":" + size() + extra + "}";
  }

  public String descriptor() {
    return descriptor("");
  }
}
