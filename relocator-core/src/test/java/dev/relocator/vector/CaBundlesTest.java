package dev.relocator.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaBundlesTest {

  @ParameterizedTest
  @ValueSource(strings = {"MIIBnotreally", "not base64 at all!", "QUJDREVGR0g="})
  void aCorruptCertificateIsOneReadableReason(String body) {
    String pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    List<Diagnostic> out = new ArrayList<>();

    CaBundles.check(pem, "images.yaml", 12, out);

    assertThat(out).singleElement().hasToString("images.yaml:12: caBundle.inline: not a valid PEM certificate:"
        + " the text between BEGIN and END CERTIFICATE is not a base64-encoded X.509 certificate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"QUJD"})
  void theMessageNeverCarriesAJavaExceptionName(String body) {
    List<Diagnostic> out = new ArrayList<>();
    CaBundles.check("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n", "a.yaml", 1, out);
    assertThat(out).singleElement().extracting(Diagnostic::toString).asString().doesNotContain("java.", "Exception");
  }
}
