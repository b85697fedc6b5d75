package dev.relocator.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the TLS Secret holds: the CAs the webhook configuration trusts ({@code ca.crt}, the
 * signing CA first), the signing CA's key ({@code ca.key}, so any leader can renew), and the
 * serving certificate and key ({@code tls.crt}, {@code tls.key}).
 *
 * @param trusted every CA in the caBundle, the signing one first; older ones stay until they expire
 * @param ca the CA that signs new serving certificates
 * @param serving the certificate every replica serves
 */
public record TlsMaterial(List<X509Certificate> trusted, Issued ca, Issued serving) {

  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";
  public static final String CA_KEY = "ca.key";

  public TlsMaterial {
    trusted = List.copyOf(trusted);
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(serving, "serving");
    if (trusted.isEmpty() || !trusted.get(0).equals(ca.certificate())) {
      throw new IllegalArgumentException("the signing CA must come first among the trusted CAs");
    }
  }

  /** A new CA and a serving certificate from it, as the first replica to start creates them. */
  public static TlsMaterial create(CertificateIssuer issuer, RotationPolicy policy, ServingNames names, Instant now) {
    Issued ca = issuer.certificateAuthority(now, policy.caValidity());
    return new TlsMaterial(List.of(ca.certificate()), ca, issuer.serving(ca, names, now, policy.servingValidity()));
  }

  /** The Secret's data as PEM text, by key. */
  public Map<String, String> secretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TLS_CRT, Pem.certificates(List.of(serving.certificate())));
    data.put(TLS_KEY, Pem.privateKey(serving.key()));
    data.put(CA_CRT, caBundlePem());
    data.put(CA_KEY, Pem.privateKey(ca.key()));
    return data;
  }

  /** The PEM text for the webhook configuration's {@code caBundle}. */
  public String caBundlePem() {
    return Pem.certificates(trusted);
  }

  /**
   * Reads a Secret's data (PEM text by key); {@code where} names the Secret in errors. The
   * signing CA is the trusted certificate that {@code ca.key} belongs to.
   */
  public static TlsMaterial fromSecretData(Map<String, String> data, String where) {
    List<X509Certificate> trusted = Pem.parseCertificates(required(data, CA_CRT, where), where + " " + CA_CRT);
    PrivateKey caKey = Pem.parsePrivateKey(required(data, CA_KEY, where), where + " " + CA_KEY);
    X509Certificate signing = trusted.stream().filter(c -> belongs(caKey, c, where + " " + CA_KEY)).findFirst().orElseThrow(
        () -> new TlsException(where + ": " + CA_KEY + " belongs to none of the certificates in " + CA_CRT));
    List<X509Certificate> ordered = new ArrayList<>();
    ordered.add(signing);
    trusted.stream().filter(c -> !c.equals(signing)).forEach(ordered::add);
    X509Certificate leaf = Pem.parseCertificates(required(data, TLS_CRT, where), where + " " + TLS_CRT).get(0);
    PrivateKey leafKey = Pem.parsePrivateKey(required(data, TLS_KEY, where), where + " " + TLS_KEY);
    if (!belongs(leafKey, leaf, where + " " + TLS_KEY)) {
      throw new TlsException(where + ": " + TLS_KEY + " does not belong to the certificate in " + TLS_CRT);
    }
    return new TlsMaterial(ordered, new Issued(signing, caKey), new Issued(leaf, leafKey));
  }

  /** {@link Issued#belongs}, a provider's failure named with {@code where} the key came from. */
  private static boolean belongs(PrivateKey key, X509Certificate cert, String where) {
    try {
      return Issued.belongs(key, cert);
    } catch (TlsException e) {
      throw new TlsException(where + ": " + e.getMessage(), e);
    }
  }

  /** Whether the serving certificate was signed by the signing CA. */
  public boolean servingSignedByCa() {
    return signedBy(serving.certificate(), ca.certificate());
  }

  /** The trusted CA that signed the serving certificate, if it is still trusted. */
  public X509Certificate servingIssuer() {
    return trusted.stream().filter(c -> signedBy(serving.certificate(), c)).findFirst().orElse(null);
  }

  /** The lifetime of {@code c}: from its start to its end. */
  static Duration lifetime(X509Certificate c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
  }

  static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
    if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String required(Map<String, String> data, String key, String where) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      throw new TlsException(where + ": no " + key);
    }
    return value;
  }
}
