package dev.relocator.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A fresh self-signed ECDSA P-256 certificate for localhost, for standalone mode. */
record SelfSigned(String certificatePem, String privateKeyPem) {

  private static final Duration VALIDITY = Duration.ofDays(365);

  /** A certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and {@code extraNames}. */
  static SelfSigned generate(String... extraNames) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=relocator");
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          subject,
          new BigInteger(64, new SecureRandom()),
          Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(VALIDITY)),
          subject,
          pair.getPublic());
      GeneralName[] names = new GeneralName[3 + extraNames.length];
      names[0] = new GeneralName(GeneralName.dNSName, "localhost");
      names[1] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
      names[2] = new GeneralName(GeneralName.iPAddress, "::1");
      for (int i = 0; i < extraNames.length; i++) {
        names[3 + i] = new GeneralName(GeneralName.dNSName, extraNames[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new SelfSigned(pem(cert), pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new ServerException("generating a self-signed certificate failed: " + e.getMessage(), e);
    }
  }

  /** The local host name, for the certificate, or nothing when it cannot be read. */
  static String[] hostNames() {
    try {
      return new String[] {InetAddress.getLocalHost().getHostName()};
    } catch (IOException e) {
      return new String[0];
    }
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }
}
