package dev.relocator.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
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
   * signature; false when the algorithms differ or no probe is known for them. A key the JDK's
   * providers cannot sign with (or a certificate key they cannot verify with) is no answer either
   * way: that throws a {@link TlsException} saying why, rather than reading as "another pair's key".
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
    byte[] probe = "relocator".getBytes(StandardCharsets.US_ASCII);
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot sign with the " + keyAlgorithm + " private key to check that it belongs to "
          + cert.getSubjectX500Principal() + ": " + e.getMessage(), e);
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      // The signature does not parse under this public key: another curve's key, so another pair.
      return false;
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot verify with the public key of " + cert.getSubjectX500Principal()
          + " to check that the private key belongs to it: " + e.getMessage(), e);
    }
  }
}
