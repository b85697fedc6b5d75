package dev.relocator.image;

import static dev.relocator.image.ReferenceTables.D256;
import static dev.relocator.image.ReferenceTables.D512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value-type behaviour of {@link ImageReference}: derivations, equality, no defaulting. */
class ImageReferenceValueTest {

  @Test
  void noLatestTagIsAdded() {
    ImageReference ref = ImageReference.parse("nginx");

    assertThat(ref.tag()).isEmpty();
    assertThat(ref.digest()).isEmpty();
    assertThat(ref).hasToString("docker.io/library/nginx");
  }

  @Test
  void tagAndDigestTogetherAreBothKept() {
    ImageReference ref = ImageReference.parse("nginx:1.25@" + D256);

    assertThat(ref.tag()).hasValue("1.25");
    assertThat(ref.digest()).hasValue(Digest.parse(D256));
    assertThat(ref.withoutTag()).hasToString("docker.io/library/nginx@" + D256);
    assertThat(ref.withoutDigest()).hasToString("docker.io/library/nginx:1.25");
    assertThat(ref.withoutTag().withoutDigest()).hasToString("docker.io/library/nginx");
  }

  @Test
  void withNameMovesTagAndDigestToAnotherRegistry() {
    ImageReference ref = ImageReference.parse("quay.io/calico/cni:v3.26.1@" + D256);

    ImageReference moved = ref.withName("registry.internal:5000", "mirror/calico/cni");

    assertThat(moved).hasToString("registry.internal:5000/mirror/calico/cni:v3.26.1@" + D256);
    assertThat(ImageReference.parse(moved.toString())).isEqualTo(moved);
  }

  @ParameterizedTest
  @CsvSource({
    "docker.io, nginx, docker.io/library/nginx:1",
    "index.docker.io, nginx, docker.io/library/nginx:1",
    "docker.io, bitnami/redis, docker.io/bitnami/redis:1",
    "localhost, nginx, localhost/nginx:1",
    "[::1]:5000, a/b, [::1]:5000/a/b:1",
    "Registry, nginx, Registry/nginx:1",
  })
  void withNameNormalisesLikeParse(String domain, String path, String expected) {
    ImageReference ref = ImageReference.parse("nginx:1").withName(domain, path);

    assertThat(ref).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      registry        | nginx      | registry host "registry" would be read as a Docker Hub namespace; use a host with a '.' or a port, or localhost
      example.com     | app:1      | repository path must not carry a tag or digest
      example.com     | App        | repository name must be lowercase
      example.com     | a//b       | repository name must not contain an empty path component (a leading, trailing or doubled '/')
      bad_host.com    | a          | registry host "bad_host.com" is not a valid host name: '_' is not allowed
      """)
  void withNameRejectsWhatWouldNotRoundTrip(String domain, String path, String reason) {
    ImageReference ref = ImageReference.parse("nginx:1");

    assertThatThrownBy(() -> ref.withName(domain, path))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid reference \"" + domain + "/" + path + "\": " + reason);
  }

  @Test
  void withTagReplacesTheTagAndKeepsTheDigest() {
    ImageReference ref = ImageReference.parse("nginx:1.25@" + D256).withTag("1.26");

    assertThat(ref).hasToString("docker.io/library/nginx:1.26@" + D256);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``       | tag is empty
      -x       | tag must start with a letter, digit or '_', found '-'
      a@b      | '@' at position 2 is not allowed in a tag
      a b      | U+0020 at position 2 is not allowed in a tag
      """)
  void withTagValidatesTheTag(String tag, String reason) {
    ImageReference ref = ImageReference.parse("nginx");

    assertThatThrownBy(() -> ref.withTag(tag))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid tag \"" + tag + "\": " + reason);
  }

  @Test
  void withDigestPinsAndReplaces() {
    ImageReference ref = ImageReference.parse("nginx:1.25@" + D256).withDigest(Digest.parse(D512));

    assertThat(ref.digest()).hasValue(Digest.parse(D512));
    assertThat(ref.tag()).hasValue("1.25");
  }

  @Test
  void withoutOnAnAbsentPartReturnsAnEqualReference() {
    ImageReference ref = ImageReference.parse("nginx");

    assertThat(ref.withoutTag()).isEqualTo(ref);
    assertThat(ref.withoutDigest()).isEqualTo(ref);
  }

  @Test
  void derivedReferencesEqualParsedOnes() {
    ImageReference derived = ImageReference.parse("nginx").withTag("1").withDigest(Digest.parse(D256));
    ImageReference parsed = ImageReference.parse("docker.io/library/nginx:1@" + D256);

    assertThat(derived).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    assertThat(derived.toString()).isEqualTo(parsed.toString());
  }

  @Test
  void referencesDifferingInAnyPartAreNotEqual() {
    ImageReference base = ImageReference.parse("example.com/a:1@" + D256);

    assertThat(base).isNotEqualTo(ImageReference.parse("example.com:5000/a:1@" + D256));
    assertThat(base).isNotEqualTo(ImageReference.parse("example.com/b:1@" + D256));
    assertThat(base).isNotEqualTo(ImageReference.parse("example.com/a:2@" + D256));
    assertThat(base).isNotEqualTo(ImageReference.parse("example.com/a:1"));
    assertThat(base).isNotEqualTo(ImageReference.parse("example.com/a@" + D256));
  }

  @Test
  void domainCaseIsKeptAsWrittenLikeUpstream() {
    // Upstream compares domains byte for byte; so does Relocator's equality.
    assertThat(ImageReference.parse("Example.com/a")).isNotEqualTo(ImageReference.parse("example.com/a"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL         | map[0].from: is required",
      "'  '         | map[0].from: is required",
      "Nginx:1      | map[0].from: invalid reference \"Nginx:1\": repository name must be lowercase",
  })
  void aFieldThatIsAbsentOrInvalidIsNamedInTheError(String text, String message) {
    assertThatThrownBy(() -> ImageReference.parseField(text, "map[0].from"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void aFieldParsesAsTheReferenceDoes() {
    assertThat(ImageReference.parseField("nginx:1", "map[0].to")).isEqualTo(ImageReference.parse("nginx:1"));
  }
}
