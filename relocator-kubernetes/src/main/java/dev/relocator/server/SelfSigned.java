package dev.relocator.server;

import dev.relocator.tls.CertificateIssuer;
import dev.relocator.tls.Issued;
import dev.relocator.tls.Pem;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.TlsException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fresh self-signed certificate for localhost, as PEM text, for standalone mode. */
record SelfSigned(String certificatePem, String privateKeyPem) {

  private static final Duration VALIDITY = Duration.ofDays(365);

  /** A certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and {@code extraNames}. */
  static SelfSigned generate(String... extraNames) {
    List<String> dnsNames = new ArrayList<>(List.of("localhost"));
    dnsNames.addAll(List.of(extraNames));
    try {
      Issued issued = new CertificateIssuer().selfSigned(
          ServingNames.of(null, dnsNames, List.of("127.0.0.1", "::1")), Instant.now(), VALIDITY);
      return new SelfSigned(Pem.certificates(List.of(issued.certificate())), Pem.privateKey(issued.key()));
    } catch (TlsException e) {
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
}
