package dev.relocator.apiserver;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: it issues loopback serving certificates (for
 * the API server and for webhook servers) and writes them as PEM files.
 */
public final class TestPki {

  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;
  private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

  private TestPki(KeyPair caKeys, X509Certificate caCertificate) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** A new CA with a fresh key. */
  public static TestPki create(String commonName) {
    KeyPair keys = newKeyPair();
    try {
      X500Name subject = new X500Name("CN=" + commonName);
      X509v3CertificateBuilder builder = builder(subject, subject, keys, BigInteger.ONE);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestPki(keys, sign(builder, keys));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot build the test CA " + commonName, e);
    }
  }

  /** An EC P-256 key pair, the kind Go's TLS stack and the API server's token signer accept. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
    }
  }

  /** A serving certificate for 127.0.0.1, ::1 and localhost, signed by this CA. */
  public Issued issueLoopbackServer(String commonName) {
    KeyPair keys = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          builder(
              X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
              new X500Name("CN=" + commonName),
              keys,
              BigInteger.valueOf(serial.incrementAndGet()));
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(caCertificate));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      return new Issued(keys, sign(builder, caKeys));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a serving certificate for " + commonName, e);
    }
  }

  /** The CA certificate in PEM, as an API server's {@code caBundle} or a kubeconfig expects. */
  public String caPem() {
    return certificatePem(caCertificate);
  }

  /** An SSL context that trusts this CA only. */
  public SSLContext trustingContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", caCertificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an SSL context trusting the test CA", e);
    }
  }

  /** A certificate and its key, issued by this CA. */
  public final class Issued {
    private final KeyPair keys;
    private final X509Certificate certificate;

    private Issued(KeyPair keys, X509Certificate certificate) {
      this.keys = keys;
      this.certificate = certificate;
    }

    /** Writes {@code <name>.crt} (certificate then CA) and {@code <name>.key} into a directory. */
    public void writePem(Path directory, String name) throws IOException {
      Files.writeString(
          directory.resolve(name + ".crt"),
          certificatePem(certificate) + certificatePem(caCertificate),
          StandardCharsets.US_ASCII);
      Files.writeString(
          directory.resolve(name + ".key"), privateKeyPem(keys), StandardCharsets.US_ASCII);
    }

    /** An SSL context that serves this certificate, for a test HTTPS server. */
    public SSLContext servingContext() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "server",
            keys.getPrivate(),
            KEYSTORE_PASSWORD,
            new X509Certificate[] {certificate, caCertificate});
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, KEYSTORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, new SecureRandom());
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot build a serving SSL context", e);
      }
    }
  }

  /** PKCS#8 PEM of a private key. */
  public static String privateKeyPem(KeyPair keys) {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /** PKIX PEM of a public key. */
  public static String publicKeyPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  static String certificatePem(X509Certificate certificate) {
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

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys, BigInteger serialNumber) {
    Instant now = Instant.now();
    // Backdated a little: the API server and this JVM read the same clock, but not atomically.
    return new JcaX509v3CertificateBuilder(
        issuer,
        serialNumber,
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
    try {
      var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test certificate", e);
    }
  }
}
