package dev.relocator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final RotationPolicy POLICY = new RotationPolicy(Duration.ofDays(90));
  private static final ServingNames NAMES =
      ServingNames.of("relocator-webhook.relocator-system", List.of("webhook.example"), List.of("::1", "127.0.0.1"));

  private final TlsMaterial material = TlsMaterial.create(new CertificateIssuer(), POLICY, NAMES, NOW);

  @Test
  void servingCertificateIsEcdsaP256ForTheServiceNamesAndSignedByTheCa() throws Exception {
    X509Certificate serving = material.serving().certificate();

    assertThat(serving.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
        k -> assertThat(k.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
    assertThat(serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1)))).containsExactlyInAnyOrder(
        "relocator-webhook.relocator-system.svc", "relocator-webhook.relocator-system.svc.cluster.local",
        "webhook.example", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(serving.getBasicConstraints()).isEqualTo(-1);
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    serving.verify(material.ca().certificate().getPublicKey());
    assertThat(material.ca().certificate().getBasicConstraints()).isZero();
    assertThat(material.serving().notAfter()).isEqualTo(NOW.plus(POLICY.servingValidity()));
    assertThat(material.ca().notAfter()).isEqualTo(NOW.plus(POLICY.caValidity()));
    assertThat(material.serving().notBefore()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
  }

  @Test
  void secretDataRoundTrips() {
    Map<String, String> data = material.secretData();

    assertThat(data).containsOnlyKeys("tls.crt", "tls.key", "ca.crt", "ca.key");
    assertThat(data.get("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    TlsMaterial read = TlsMaterial.fromSecretData(data, "Secret relocator-system/relocator-webhook-tls");
    assertThat(read.trusted()).isEqualTo(material.trusted());
    assertThat(read.serving().certificate()).isEqualTo(material.serving().certificate());
    assertThat(read.ca().key().getEncoded()).isEqualTo(material.ca().key().getEncoded());
  }

  @Test
  void signingCaIsTheOneTheCaKeyBelongsToWhateverItsPlaceInTheBundle() {
    TlsMaterial other = TlsMaterial.create(new CertificateIssuer(), POLICY, NAMES, NOW);
    Map<String, String> data = new HashMap<>(material.secretData());
    data.put("ca.crt", Pem.certificates(List.of(other.ca().certificate(), material.ca().certificate())));

    TlsMaterial read = TlsMaterial.fromSecretData(data, "Secret s");

    assertThat(read.ca().certificate()).isEqualTo(material.ca().certificate());
    assertThat(read.trusted()).containsExactly(material.ca().certificate(), other.ca().certificate());
  }

  @Test
  void unusableSecretsSayWhichKeyIsWrong() {
    TlsMaterial other = TlsMaterial.create(new CertificateIssuer(), POLICY, NAMES, NOW);
    Map<String, String> missing = new HashMap<>(material.secretData());
    missing.remove("ca.key");
    Map<String, String> foreignKey = new HashMap<>(material.secretData());
    foreignKey.put("tls.key", other.secretData().get("tls.key"));
    Map<String, String> foreignCa = new HashMap<>(material.secretData());
    foreignCa.put("ca.key", other.secretData().get("ca.key"));

    assertThatThrownBy(() -> TlsMaterial.fromSecretData(missing, "Secret ns/tls"))
        .isInstanceOf(TlsException.class).hasMessage("Secret ns/tls: no ca.key");
    assertThatThrownBy(() -> TlsMaterial.fromSecretData(foreignKey, "Secret ns/tls"))
        .hasMessage("Secret ns/tls: tls.key does not belong to the certificate in tls.crt");
    assertThatThrownBy(() -> TlsMaterial.fromSecretData(foreignCa, "Secret ns/tls"))
        .hasMessage("Secret ns/tls: ca.key belongs to none of the certificates in ca.crt");
  }

  @Test
  void servingNamesRefuseBadInputQuotingIt() {
    assertThatThrownBy(() -> ServingNames.of("relocator", List.of(), List.of()))
        .hasMessage("service \"relocator\": expected NAME.NAMESPACE");
    assertThatThrownBy(() -> ServingNames.of(null, List.of(), List.of("localhost")))
        .hasMessage("IP address \"localhost\": not an IPv4 or IPv6 literal");
    assertThatThrownBy(() -> ServingNames.of(null, List.of(), List.of()))
        .hasMessageContaining("at least one DNS name or IP address");
  }
}
