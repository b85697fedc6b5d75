package dev.relocator.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the webhook's CA and serving certificates with BouncyCastle: ECDSA P-256 keys, SHA-256
 * signatures, key identifiers so verifiers pick the right CA while two are trusted.
 *
 * <p>Certificates start a little before {@code now} ({@link #backdate}), so a verifier whose clock
 * is slightly behind the issuer's does not find them "not yet valid".
 */
public final class CertificateIssuer {

  private static final Duration MAX_BACKDATE = Duration.ofMinutes(5);
  private final SecureRandom random;

  public CertificateIssuer(SecureRandom random) {
    this.random = random;
  }

  public CertificateIssuer() {
    this(new SecureRandom());
  }

  /** A self-signed CA valid for {@code validity} from {@code now}, named after its issue time. */
  public Issued certificateAuthority(Instant now, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name name = name("relocator-ca@" + now.getEpochSecond());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(name, name, now.minus(backdate(validity)), now.plus(validity),
          pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new Issued(sign(builder, pair), pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot issue a CA certificate: " + e.getMessage(), e);
    }
  }

  /**
   * A serving certificate for {@code names} with a fresh ECDSA P-256 key, signed by {@code ca},
   * valid for {@code validity} but never beyond the CA.
   */
  public Issued serving(Issued ca, ServingNames names, Instant now, Duration validity) {
    KeyPair pair = newKeyPair();
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(ca.notAfter())) {
      notAfter = ca.notAfter();
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder = builder(issuer, name(commonName(names)), now.minus(backdate(validity)), notAfter,
          pair.getPublic());
      addServingExtensions(builder, names);
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(ca.certificate()));
      return new Issued(sign(builder, new KeyPair(ca.certificate().getPublicKey(), ca.key())), pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot issue a serving certificate for " + names + ": " + e.getMessage(), e);
    }
  }

  /**
   * A self-signed serving certificate for {@code names} with a fresh ECDSA P-256 key, its own
   * trust root: for a server that has no CA to chain to (standalone mode without certificate files).
   */
  public Issued selfSigned(ServingNames names, Instant now, Duration validity) {
    KeyPair pair = newKeyPair();
    X500Name subject = name(commonName(names));
    try {
      X509v3CertificateBuilder builder = builder(subject, subject, now.minus(backdate(validity)), now.plus(validity),
          pair.getPublic());
      addServingExtensions(builder, names);
      return new Issued(sign(builder, pair), pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot issue a self-signed certificate for " + names + ": " + e.getMessage(), e);
    }
  }

  private static String commonName(ServingNames names) {
    return names.dnsNames().isEmpty() ? names.ipAddresses().get(0) : names.dnsNames().get(0);
  }

  private static void addServingExtensions(X509v3CertificateBuilder builder, ServingNames names)
      throws CertIOException {
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
  }

  /** A twentieth of the validity, at most five minutes: clock skew, not a share of the lifetime. */
  static Duration backdate(Duration validity) {
    Duration twentieth = validity.dividedBy(20);
    return twentieth.compareTo(MAX_BACKDATE) > 0 ? MAX_BACKDATE : twentieth;
  }

  private static GeneralNames alternativeNames(ServingNames names) {
    List<GeneralName> out = new ArrayList<>();
    names.dnsNames().forEach(n -> out.add(new GeneralName(GeneralName.dNSName, n)));
    names.ipAddresses().forEach(ip -> out.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(out.toArray(new GeneralName[0]));
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Instant notBefore, Instant notAfter,
      PublicKey key) {
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
        Date.from(notBefore), Date.from(notAfter), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot generate an ECDSA P-256 key: " + e.getMessage(), e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }
}
