package dev.relocator.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: loopback serving certificates (registries, API
 * servers, webhooks), self-signed keys (token signers), PEM files and SSL contexts. Every key is
 * EC P-256: generated in milliseconds, and accepted by Go's TLS and the API server's token signer.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static final Duration VALIDITY = Duration.ofDays(2);
  /** Backdated: servers in other processes read the same clock, but not at the same instant. */
  private static final Duration BACKDATED = Duration.ofHours(1);
  private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();

  private final Issued ca;

  private TestPki(Issued ca) {
    this.ca = ca;
  }

  /** A fresh CA named {@code commonName}. */
  public static TestPki create(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestPki(new Issued(keys, sign(builder, keys.getPrivate()), null));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot build the test CA " + commonName, e);
    }
  }

  /** A self-signed certificate, its own trust root (to sign tokens with). */
  public static Issued selfSigned(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys);
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      return new Issued(keys, sign(builder, keys.getPrivate()), null);
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot build a self-signed certificate for " + commonName, e);
    }
  }

  /** An EC P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
    }
  }

  /** The CA's own certificate and key. */
  public Issued ca() {
    return ca;
  }

  /** A serving certificate named {@code CN=localhost} for 127.0.0.1, ::1 and localhost. */
  public Issued serverCertificate() {
    return issueLoopbackServer("localhost");
  }

  /** A serving certificate named {@code commonName} for 127.0.0.1, ::1 and localhost, signed by this CA. */
  public Issued issueLoopbackServer(String commonName) {
    KeyPair keys = newKeyPair();
    X509Certificate caCertificate = ca.certificate();
    try {
      X509v3CertificateBuilder builder = builder(
          X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
          new X500Name("CN=" + commonName), keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.iPAddress, "::1"),
          new GeneralName(GeneralName.dNSName, "localhost")}));
      return new Issued(keys, sign(builder, ca.key()), caCertificate);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a serving certificate for " + commonName, e);
    }
  }

  /** The CA certificate in PEM, as a {@code caBundle}, a kubeconfig or {@code --ca-file} expects. */
  public String caPem() {
    return certificatePem(ca.certificate());
  }

  /** An SSL context that trusts this CA only. */
  public SSLContext trustingContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an SSL context trusting the test CA", e);
    }
  }

  /** A certificate and its keys; {@code issuer} is the CA's certificate, or null when self-signed. */
  public static final class Issued {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final X509Certificate issuer;

    private Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
      this.keys = keys;
      this.certificate = certificate;
      this.issuer = issuer;
    }

    public X509Certificate certificate() {
      return certificate;
    }

    public PrivateKey key() {
      return keys.getPrivate();
    }

    public KeyPair keys() {
      return keys;
    }

    /**
     * Writes the certificate alone to {@code dir/name.crt} and the key to {@code dir/name.key}
     * (PKCS#8: BouncyCastle's default EC encoding is one Go's TLS rejects); returns both paths.
     */
    public Path[] write(Path dir, String name) {
      Path cert = dir.resolve(name + ".crt");
      Path key = dir.resolve(name + ".key");
      try {
        Files.writeString(cert, certificatePem(certificate), StandardCharsets.US_ASCII);
        Files.writeString(key, privateKeyPem(keys), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Path[] {cert, key};
    }

    /** Writes {@code name.crt} (the certificate, then its CA's) and {@code name.key} into {@code dir}. */
    public void writePem(Path dir, String name) throws IOException {
      String chain = certificatePem(certificate) + (issuer == null ? "" : certificatePem(issuer));
      Files.writeString(dir.resolve(name + ".crt"), chain, StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve(name + ".key"), privateKeyPem(keys), StandardCharsets.US_ASCII);
    }

    /** An SSL context that serves this certificate (and its CA's), for a test HTTPS server. */
    public SSLContext servingContext() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate[] chain = issuer == null
            ? new X509Certificate[] {certificate} : new X509Certificate[] {certificate, issuer};
        store.setKeyEntry("server", keys.getPrivate(), KEYSTORE_PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, KEYSTORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, new SecureRandom());
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot build a serving SSL context", e);
      }
    }
  }

  /** PEM text of anything BouncyCastle's PEM writer takes (a certificate, a key, a PKCS#8 generator). */
  public static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** PKCS#8 PEM of a private key. */
  public static String privateKeyPem(KeyPair keys) {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /** PKIX PEM of a public key. */
  public static String publicKeyPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  /** PEM of a certificate. */
  public static String certificatePem(X509Certificate certificate) {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(BACKDATED)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test certificate", e);
    }
  }
}
