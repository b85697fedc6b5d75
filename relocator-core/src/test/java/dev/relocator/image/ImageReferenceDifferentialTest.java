package dev.relocator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Differential tests: generated inputs must be accepted or refused exactly as the literal
 * {@link UpstreamModel} of {@code ParseNormalizedNamed} does, and split the same way. The one
 * documented difference: upstream's fallback to an empty domain is refused by Relocator.
 */
class ImageReferenceDifferentialTest {

  private static final String HEX64 = ReferenceTables.HEX64;

  /** Fragments that exercise every rule: separators, hosts, ports, IPv6, tags and digests. */
  private static final List<String> TOKENS = List.of(
      "a", "b", "z", "0", "9", "A", "F", ".", "_", "__", "-", "--", "/", "/", ":", "@", "[", "]",
      "localhost", "docker.io", "index.docker.io", "example.com", "library", "5000", "::1", "fe80",
      "sha256:" + HEX64, "sha512:" + ReferenceTables.HEX128, "sha384:" + ReferenceTables.HEX96,
      "sha256:" + HEX64.toUpperCase(Locale.ROOT), "sha256:" + HEX64.substring(20), "blake3:" + HEX64,
      "Sha256:" + HEX64, HEX64, "%", " ", "+", "v1.2.3");

  private static final List<String> DOMAINS = List.of(
      "", "", "docker.io/", "index.docker.io/", "localhost/", "localhost:5000/", "quay.io/",
      "registry.k8s.io/", "[::1]:5000/", "[2001:db8::1]/", "Foo/", "a_b.c/", "example.com:/",
      "ex-ample.com:443/", "-bad.com/", "host:5000/", "bitnami/", "192.168.0.1/");
  private static final List<String> PATHS = List.of(
      "nginx", "library/nginx", "a/b/c", "a.b", "a__b", "a___b", "a--b", "a-", "-a", "A", "a//b",
      "library/a/b", "example.com/x", HEX64, "a" .repeat(250), "b".repeat(247), "b".repeat(248));
  private static final List<String> TAGS = List.of(
      "", "", ":1.25", ":latest", ":V1_x", ":-x", ":", ":" + "t".repeat(128), ":" + "t".repeat(129), ":a:b");
  private static final List<String> DIGESTS = List.of(
      "", "", "@sha256:" + HEX64, "@sha512:" + ReferenceTables.HEX128, "@sha256:" + HEX64.substring(1),
      "@md5:" + HEX64, "@", "@sha256:" + HEX64.toUpperCase(Locale.ROOT));

  @Test
  void randomTokenStringsAgreeWithUpstream() {
    Random random = new Random(20261121L);
    Tally tally = compareMany(20_000, r -> {
      StringBuilder s = new StringBuilder();
      int tokens = 1 + r.nextInt(8);
      for (int i = 0; i < tokens; i++) {
        s.append(TOKENS.get(r.nextInt(TOKENS.size())));
      }
      return s.toString();
    }, random);

    assertThat(tally.accepted).as("some random inputs must be valid").isGreaterThan(200);
  }

  @Test
  void structuredReferencesAgreeWithUpstream() {
    Random random = new Random(42L);
    Tally tally = compareMany(20_000, r -> pick(r, DOMAINS) + pick(r, PATHS) + pick(r, TAGS) + pick(r, DIGESTS), random);

    assertThat(tally.accepted).as("many structured inputs must be valid").isGreaterThan(2_000);
    assertThat(tally.emptyDomainRefused).as("the documented difference must be exercised").isGreaterThan(0);
  }

  private static String pick(Random r, List<String> options) {
    return options.get(r.nextInt(options.size()));
  }

  /** How many inputs both accepted, and how many hit upstream's empty-domain fallback. */
  private static final class Tally {
    int accepted;
    int emptyDomainRefused;
  }

  private static Tally compareMany(int count, Function<Random, String> generator, Random random) {
    Tally tally = new Tally();
    for (int i = 0; i < count; i++) {
      String input = generator.apply(random);
      UpstreamModel.Outcome expected = UpstreamModel.parseNormalizedNamed(input);
      ImageReference actual;
      try {
        actual = ImageReference.parse(input);
      } catch (InvalidReferenceException e) {
        assertThat(expected.accepted() && !expected.emptyDomain())
            .as("upstream accepts %s but Relocator says: %s", input, e.getMessage())
            .isFalse();
        if (expected.emptyDomain()) {
          tally.emptyDomainRefused++;
        }
        continue;
      }
      assertThat(expected.accepted()).as("upstream refuses %s, Relocator accepts it", input).isTrue();
      assertThat(expected.emptyDomain()).as("%s: empty-domain fallback must be refused", input).isFalse();
      assertThat(actual.domain()).as(input).isEqualTo(expected.domain());
      assertThat(actual.path()).as(input).isEqualTo(expected.path());
      assertThat(actual.tag().orElse(null)).as(input).isEqualTo(expected.tag());
      assertThat(actual.digest().map(Digest::toString).orElse(null)).as(input).isEqualTo(expected.digest());
      tally.accepted++;
    }
    return tally;
  }
}
