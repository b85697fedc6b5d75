package dev.relocator.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.RelocatorException;
import dev.relocator.image.Digest;
import dev.relocator.registry.testing.Cosign;
import dev.relocator.registry.testing.Document;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class CosignSignaturesTest {
  private static final KeyPair KEY = Cosign.newKey();
  private static final Digest IMAGE = Digest.parse("sha256:" + "ab".repeat(32));
  private static final Document PAYLOAD = Cosign.payload("source.example/demo/app", IMAGE.toString());
  private final CosignSignatures signatures = new CosignSignatures(PublicKeys.parse(Cosign.publicKeyPem(KEY.getPublic()), "test"));

  @Test
  void aSignatureByTheKeyOverAPayloadNamingTheDigestIsValid() {
    Verdict verdict = signatures.verify(PAYLOAD.bytes(), Cosign.sign(KEY.getPrivate(), PAYLOAD.bytes()), IMAGE);
    assertThat(verdict.valid()).as(verdict.reason()).isTrue();
  }

  @Test
  void aTamperedPayloadIsRejected() {
    String signature = Cosign.sign(KEY.getPrivate(), PAYLOAD.bytes());
    byte[] tampered = PAYLOAD.text().replace("source.example", "evil.example").getBytes(StandardCharsets.UTF_8);

    assertThat(signatures.verify(tampered, signature, IMAGE))
        .isEqualTo(new Verdict(false, "the signature does not verify with the key (another key's, or a changed payload)"));
  }

  @Test
  void anotherKeysSignatureIsRejected() {
    String signature = Cosign.sign(Cosign.newKey().getPrivate(), PAYLOAD.bytes());

    assertThat(signatures.verify(PAYLOAD.bytes(), signature, IMAGE).valid()).isFalse();
  }

  @Test
  void aValidSignatureOfAnotherDigestIsRejected() {
    Document other = Cosign.payload("source.example/demo/app", "sha256:" + "cd".repeat(32));

    Verdict verdict = signatures.verify(other.bytes(), Cosign.sign(KEY.getPrivate(), other.bytes()), IMAGE);

    assertThat(verdict).isEqualTo(new Verdict(false, "the signed payload names sha256:" + "cd".repeat(32) + ", not " + IMAGE));
  }

  @Test
  void garbageInTheAnnotationIsRejectedNotThrown() {
    assertThat(signatures.verify(PAYLOAD.bytes(), "not base64!", IMAGE).reason()).isEqualTo("the signature annotation is not base64");
    assertThat(signatures.verify(PAYLOAD.bytes(), "AAAA", IMAGE).valid()).isFalse();
  }

  @Test
  void aKeyFileWithoutAPemBlockSaysWhatItExpected() {
    assertThatThrownBy(() -> PublicKeys.parse("ssh-ed25519 AAAA", "cosign.pub")).isInstanceOf(RelocatorException.class)
        .hasMessageStartingWith("read public key cosign.pub: no PEM \"-----BEGIN PUBLIC KEY-----\" block");
  }
}
