package dev.relocator.imagemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactMappingTest {

  private static final String D = "sha256:" + "a".repeat(64);
  private static final String E = "sha256:" + "b".repeat(64);

  private static final ExactMapping MAPPING = ExactMapping.of(List.of(
      entry("nginx", "reg.local/mirror/nginx"),
      entry("redis:7", "reg.local/pinned/redis@" + D),
      entry("quay.io/calico/cni:v3", "reg.local/cni"),
      entry("busybox@" + E, "reg.local/busybox"),
      entry("alpine:latest", "reg.local/alpine:3")));

  private static Mapping entry(String from, String to) {
    return new Mapping(ImageReference.parse(from), ImageReference.parse(to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // repository-wide: every tag and digest of the repository, whatever the spelling
    "nginx, reg.local/mirror/nginx",
    "nginx:1.25, reg.local/mirror/nginx:1.25",
    "docker.io/library/nginx:1.25, reg.local/mirror/nginx:1.25",
    "index.docker.io/nginx@" + "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,"
        + " reg.local/mirror/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    // tag entries: that tag only; a "to" with a digest pins it
    "redis:7, reg.local/pinned/redis@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "redis:6, ''",
    "quay.io/calico/cni:v3, reg.local/cni:v3",
    // digest entry
    "busybox@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb,"
        + " reg.local/busybox@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "busybox:1, ''",
    // no tag means latest
    "alpine, reg.local/alpine:3",
    "alpine:3.19, ''",
  })
  void relocatesByDigestThenTagThenRepository(String image, String expected) {
    assertThat(MAPPING.relocate(ImageReference.parse(image)).map(ImageReference::familiarString))
        .isEqualTo(expected.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(expected));
  }
}
