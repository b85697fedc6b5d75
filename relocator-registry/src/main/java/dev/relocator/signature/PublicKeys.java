package dev.relocator.signature;

import dev.relocator.RelocatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a cosign public key ({@code cosign.pub}): PEM of an ECDSA P-256 SubjectPublicKeyInfo. */
public final class PublicKeys {
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeys() {}

  /** The key in {@code file}; errors name the file and say why it is no usable key. */
  public static PublicKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new RelocatorException("read public key " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** The key in PEM {@code text}, read from {@code where}. */
  public static PublicKey parse(String text, String where) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new RelocatorException("read public key " + where + ": no PEM \"" + BEGIN + "\" block (cosign writes one "
          + "to cosign.pub; keyless signatures have no key file and are not supported)");
    }
    PublicKey key;
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new RelocatorException("read public key " + where + ": not an ECDSA public key (" + e.getMessage() + ")", e);
    }
    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new RelocatorException("read public key " + where + ": not an ECDSA P-256 key, which cosign's key pairs are");
    }
    return key;
  }
}
