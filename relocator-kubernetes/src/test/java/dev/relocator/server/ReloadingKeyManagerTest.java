package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReloadingKeyManagerTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void updateSwapsTheCertificateServed() {
    SelfSigned first = SelfSigned.generate();
    SelfSigned second = SelfSigned.generate();
    ReloadingKeyManager km = new ReloadingKeyManager(ascii(first.certificatePem()), ascii(first.privateKeyPem()), "first");
    var before = km.getCertificateChain("server")[0];
    km.update(ascii(second.certificatePem()), ascii(second.privateKeyPem()), "second");
    assertThat(km.getCertificateChain("server")[0]).isNotEqualTo(before);
  }

  @Test
  void keyOfAnotherPairIsRefusedAndTheOldPairKept() {
    SelfSigned first = SelfSigned.generate();
    SelfSigned second = SelfSigned.generate();
    ReloadingKeyManager km = new ReloadingKeyManager(ascii(first.certificatePem()), ascii(first.privateKeyPem()), "first");
    var before = km.getCertificateChain("server")[0];
    assertThatThrownBy(() -> km.update(ascii(second.certificatePem()), ascii(first.privateKeyPem()), "tls.crt"))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("tls.crt: the private key does not belong to the certificate");
    assertThat(km.getCertificateChain("server")[0]).isEqualTo(before);
  }

  @Test
  void fileWithoutCertificateIsRefusedNamingIt() {
    assertThatThrownBy(() -> new ReloadingKeyManager(ascii("junk"), ascii("junk"), "/etc/tls/tls.crt"))
        .isInstanceOf(ServerException.class)
        .hasMessage("/etc/tls/tls.crt: no PEM certificate found");
  }
}
