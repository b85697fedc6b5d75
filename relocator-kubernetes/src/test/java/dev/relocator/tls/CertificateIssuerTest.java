package dev.relocator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void selfSignedIsAServingCertificateForTheNamesThatIsItsOwnIssuer() throws Exception {
    ServingNames names = ServingNames.of(null, List.of("localhost", "host.example"), List.of("127.0.0.1", "::1"));

    Issued issued = new CertificateIssuer().selfSigned(names, NOW, Duration.ofDays(365));

    X509Certificate cert = issued.certificate();
    assertThat(cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
        .containsExactly("localhost", "host.example", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    cert.verify(cert.getPublicKey());
    assertThat(Issued.belongs(issued.key(), cert)).isTrue();
    assertThat(issued.notBefore()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(issued.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
  }

  @Test
  void aKeyOfAnotherPairDoesNotBelong() {
    ServingNames names = ServingNames.of(null, List.of("localhost"), List.of());
    CertificateIssuer issuer = new CertificateIssuer();

    Issued one = issuer.selfSigned(names, NOW, Duration.ofDays(1));
    Issued other = issuer.selfSigned(names, NOW, Duration.ofDays(1));

    assertThat(Issued.belongs(other.key(), one.certificate())).isFalse();
  }

  @Test
  void aKeyNoProviderCanSignWithIsAnErrorNotAnotherPairsKey() {
    Issued issued = new CertificateIssuer().selfSigned(ServingNames.of(null, List.of("localhost"), List.of()),
        NOW, Duration.ofDays(1));
    // An EC key by name whose material no provider takes (a hardware token's handle, say).
    PrivateKey opaque = new PrivateKey() {
      @Override
      public String getAlgorithm() {
        return issued.key().getAlgorithm();
      }

      @Override
      public String getFormat() {
        return null;
      }

      @Override
      public byte[] getEncoded() {
        return null;
      }
    };

    assertThatThrownBy(() -> Issued.belongs(opaque, issued.certificate())).isInstanceOf(TlsException.class)
        .hasMessageStartingWith("cannot sign with the " + issued.key().getAlgorithm()
            + " private key to check that it belongs to CN=");
  }
}
