package dev.relocator.vector;

import dev.relocator.Diagnostic;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Checks a vector's {@code caBundle.inline}: PEM certificates that are valid now. */
final class CaBundles {
  private CaBundles() {}

  static void check(String pem, String source, int line, List<Diagnostic> out) {
    String path = "caBundle.inline";
    if (pem == null) {
      return; // Gardener accepts a caBundle without inline
    }
    if (pem.isBlank()) {
      out.add(Diagnostic.error(source, line, path, "must hold a PEM certificate"));
      return;
    }
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      out.add(Diagnostic.error(source, line, path, "not a PEM certificate: no \"-----BEGIN CERTIFICATE-----\" block"));
      return;
    }
    Collection<? extends java.security.cert.Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      // The JDK's message is its exception chain ("java.io.IOException: ... Last unit ..."): say what it means.
      out.add(Diagnostic.error(source, line, path,
          "not a valid PEM certificate: the text between BEGIN and END CERTIFICATE is not a base64-encoded X.509 certificate"));
      return;
    }
    if (certificates.isEmpty()) {
      out.add(Diagnostic.error(source, line, path, "not a valid PEM certificate: no certificate found"));
      return;
    }
    Instant now = Instant.now();
    for (java.security.cert.Certificate certificate : certificates) {
      X509Certificate x509 = (X509Certificate) certificate;
      String subject = x509.getSubjectX500Principal().getName();
      if (x509.getNotAfter().toInstant().isBefore(now)) {
        out.add(Diagnostic.error(source, line, path,
            "certificate \"" + subject + "\" expired on " + x509.getNotAfter().toInstant()));
      } else if (x509.getNotBefore().toInstant().isAfter(now)) {
        out.add(Diagnostic.warning(source, line, path,
            "certificate \"" + subject + "\" is not valid before " + x509.getNotBefore().toInstant()));
      }
    }
  }
}
