package dev.relocator.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/** A certificate with its private key. */
public record Issued(X509Certificate certificate, PrivateKey key) {

  public Issued {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /**
   * The signature that proves a key pair of {@code keyAlgorithm} belongs together, or null when
   * none is known here.
   */
  public static String probeAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
  }

  /**
   * Whether {@code key} is the private half of {@code cert}'s public key, proven by a probe
   * signature; false when the algorithms differ or no probe is known for them.
   */
  public static boolean belongs(PrivateKey key, X509Certificate cert) {
    String keyAlgorithm = key.getAlgorithm();
    String certAlgorithm = cert.getPublicKey().getAlgorithm();
    if (!keyAlgorithm.equals(certAlgorithm) && !(keyAlgorithm.startsWith("EC") && certAlgorithm.startsWith("EC"))) {
      return false;
    }
    String algorithm = probeAlgorithm(certAlgorithm);
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] probe = "relocator".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
