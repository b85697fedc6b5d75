package dev.relocator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Length limits (path at most 255 characters, as upstream counts it; tag at most 128) and
 * hostile inputs. The timeouts are hang guards against pathological behaviour, far above the
 * milliseconds these take, not performance claims.
 */
class ImageReferenceLimitsTest {

  @Test
  void pathOfExactly255CharactersIsAccepted() {
    // Upstream's own boundary: 127 "a/" plus "a" is 255 characters.
    String path = "a/".repeat(127) + "a";
    ImageReference ref = ImageReference.parse(path + ":tag-puts-this-over-max");

    assertThat(ref.path()).hasSize(255).isEqualTo(path);
    assertThat(ref.tag()).hasValue("tag-puts-this-over-max");
  }

  @Test
  void pathOf257CharactersIsRejected() {
    assertThatThrownBy(() -> ImageReference.parse("a/".repeat(128) + "a:tag"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageEndingWith(": repository path must not be longer than 255 characters, found 257");
  }

  @Test
  void officialPrefixCountsTowardsThePathLimit() {
    // "library/" (8) + 247 = 255 is fine, one more is not: upstream checks the normalised path.
    assertThat(ImageReference.parse("a".repeat(247)).path()).hasSize(255);
    assertThatThrownBy(() -> ImageReference.parse("a".repeat(248)))
        .hasMessageEndingWith("must not be longer than 255 characters, found 256");
  }

  @Test
  void domainDoesNotCountTowardsThePathLimit() {
    String domain = "registry." + "x".repeat(200) + ".example.com:5000";
    String path = "p".repeat(255);

    ImageReference ref = ImageReference.parse(domain + "/" + path);

    assertThat(ref.domain()).isEqualTo(domain);
    assertThat(ref.path()).isEqualTo(path);
  }

  @Test
  void tagOf128CharactersIsAcceptedAnd129Rejected() {
    String tag = "v" + "1".repeat(127);
    assertThat(ImageReference.parse("nginx:" + tag).tag()).hasValue(tag);

    assertThatThrownBy(() -> ImageReference.parse("nginx:" + tag + "2"))
        .hasMessageEndingWith(": tag is longer than 128 characters (129)");
  }

  static Stream<String> hostileInputs() {
    int big = 1_000_000;
    return Stream.of(
        "a".repeat(big),
        "a/".repeat(big / 2) + "a",
        "a" + "-".repeat(big) + "b",
        "a_".repeat(big / 2),
        "a._".repeat(big / 3) + "a",
        "example.com/" + "a.".repeat(big / 2),
        "x." .repeat(big / 2) + "com/a!",
        "[" + ":".repeat(big) + "/a",
        "localhost:" + "5".repeat(big) + "x/a",
        "nginx:" + "t".repeat(big),
        "nginx:" + "t".repeat(big) + "@sha256:",
        "nginx@sha256:" + "a".repeat(big),
        "nginx@" + "a+".repeat(big / 2) + ":" + "0".repeat(64),
        "/".repeat(big),
        ":".repeat(big),
        "@".repeat(big));
  }

  @ParameterizedTest
  @MethodSource("hostileInputs")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void hostileInputsFailInLinearTime(String input) {
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> ImageReference.parse(input))
          .isInstanceOf(InvalidReferenceException.class)
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }
  }

  static Stream<String> hugeButValidInputs() {
    int big = 1_000_000;
    // Upstream sets no limit on the registry host or port, only on the path and tag.
    return Stream.of(
        "x.".repeat(big / 2) + "com/a",
        "[" + ":".repeat(big) + "]/a",
        "localhost:" + "5".repeat(big) + "/a");
  }

  @ParameterizedTest
  @MethodSource("hugeButValidInputs")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void hugeRegistryHostsParseInLinearTime(String input) {
    for (int i = 0; i < 20; i++) {
      ImageReference ref = ImageReference.parse(input);
      assertThat(ref.path()).isEqualTo("a");
      assertThat(ref.toString()).isEqualTo(input);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void longValidReferenceWithManySeparatorsParses() {
    String path = "a-b_c.d__e---f/".repeat(16) + "z";
    String tag = "t".repeat(128);

    ImageReference ref =
        ImageReference.parse("my.registry.example.com:443/" + path + ":" + tag + "@" + ReferenceTables.D512);

    assertThat(ref.path()).isEqualTo(path);
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
  }
}
