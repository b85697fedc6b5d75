package dev.relocator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.ImageReference;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedPrefixesTest {

  private static final AllowedPrefixes PREFIXES =
      AllowedPrefixes.parse("spec.allowed", List.of("reg.local/mirror", "localhost:5000", "index.docker.io/library"));

  @ParameterizedTest(name = "{0} allowed: {1}")
  @CsvSource({
      "reg.local/mirror/nginx:1.27, true",
      "reg.local/mirror/team/app@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc, true",
      "reg.local/mirrorx/nginx:1.27, false",
      "reg.local/mirror, true",
      "reg.local/other/nginx, false",
      "localhost:5000/anything/below:1, true",
      "localhost:5001/app, false",
      "nginx:1.27, true",
      "docker.io/bitnami/redis, false",
      "quay.io/calico/cni:v3, false"})
  void matchesAtComponentBoundariesOnCanonicalNames(String image, boolean allowed) {
    assertThat(PREFIXES.allows(ImageReference.parse(image))).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "reg.local/Mirror | spec.allowed[0]: \"reg.local/Mirror\" is not a registry location",
      "mirror/nginx | spec.allowed[0]: \"mirror/nginx\" does not start with a registry host",
      "reg.local/mirror/ | spec.allowed[0]: \"reg.local/mirror/\" must not end with '/'"})
  void refusesWhatIsNotARegistryLocationNamingTheEntry(String prefix, String message) {
    assertThatThrownBy(() -> AllowedPrefixes.parse("spec.allowed", List.of(prefix)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "docker.io/library/busybox, busybox:1.36, true",
      "docker.io/library/*, busybox:1.36, true",
      "docker.io/*, busybox:1.36, false",
      "docker.io/**, busybox:1.36, true",
      "docker.io/library/busybox:1.*, busybox:1.36, true",
      "docker.io/library/busybox:1.*, busybox:2.0, false",
      "registry.k8s.io/pause*, registry.k8s.io/pause:3.9, true"})
  void exemptGlobsMatchTheCanonicalNameOrReference(String glob, String image, boolean matches) {
    assertThat(ImageGlobs.parse("spec.exemptImages", List.of(glob)).matches(ImageReference.parse(image)))
        .isEqualTo(matches);
  }
}
