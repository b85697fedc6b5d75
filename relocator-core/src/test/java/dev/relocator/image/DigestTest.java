package dev.relocator.image;

import static dev.relocator.image.ReferenceTables.D256;
import static dev.relocator.image.ReferenceTables.D384;
import static dev.relocator.image.ReferenceTables.D512;
import static dev.relocator.image.ReferenceTables.HEX64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

  @ParameterizedTest
  @CsvSource({"sha256, 64", "sha384, 96", "sha512, 128"})
  void parsesEachSupportedAlgorithmWithItsLength(String algorithm, int hexLength) {
    String encoded = "0123456789abcdef".repeat(8).substring(0, hexLength);

    Digest digest = Digest.parse(algorithm + ":" + encoded);

    assertThat(digest.algorithm()).isEqualTo(algorithm);
    assertThat(digest.encoded()).isEqualTo(encoded);
    assertThat(digest).hasToString(algorithm + ":" + encoded);
    assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
  }

  @Test
  void sha256OfKnownContent() {
    // Well-known value: sha256 of the empty string.
    assertThat(Digest.sha256(new byte[0]))
        .hasToString("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void streamingHashMatchesOneShotHash() throws Exception {
    byte[] content = "a manifest body".getBytes(StandardCharsets.UTF_8);
    Digest expected = Digest.sha256(content);

    MessageDigest md = expected.newMessageDigest();
    md.update(content, 0, 5);
    md.update(content, 5, content.length - 5);

    assertThat(Digest.ofHash("sha256", md.digest())).isEqualTo(expected);
    assertThat(expected.matches(content)).isTrue();
    assertThat(expected.matches("tampered".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void ofValidatesLikeParse() {
    assertThat(Digest.of("sha256", HEX64)).isEqualTo(Digest.parse(D256));
    assertThatThrownBy(() -> Digest.of("sha256", "abc"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid digest \"sha256:abc\": sha256 digest must have 64 hex characters, found 3");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                    | digest must have the form algorithm:hex, e.g. sha256:<64 hex>
      sha256                | digest must have the form algorithm:hex, e.g. sha256:<64 hex>
      md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm "md5" (supported: sha256, sha384, sha512)
      sha256:xyz            | sha256 digest must have 64 hex characters, found 3
      9sha:00               | digest algorithm "9sha" is malformed
      """)
  void rejectsMalformedDigests(String text, String reason) {
    assertThatThrownBy(() -> Digest.parse(text))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid digest \"" + text + "\": " + reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha512"})
  void ofHashRejectsAHashOfTheWrongSize(String algorithm) {
    assertThatThrownBy(() -> Digest.ofHash(algorithm, new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hash must be");
  }

  @Test
  void ordersByText() {
    TreeSet<Digest> sorted = new TreeSet<>(List.of(Digest.parse(D512), Digest.parse(D256), Digest.parse(D384)));

    assertThat(sorted).extracting(Digest::algorithm).containsExactly("sha256", "sha384", "sha512");
  }

  @Test
  void equalByValue() {
    assertThat(Digest.parse(D256)).isEqualTo(Digest.parse(new String(D256))).hasSameHashCodeAs(Digest.parse(D256));
    assertThat(Digest.parse(D256)).isNotEqualTo(Digest.parse("sha256:" + "0".repeat(64)));
  }
}
