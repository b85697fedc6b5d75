package dev.relocator.imagemap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.Mapping;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.DirectoryMapSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageMapManifestsTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final List<MapEntry> RELOCATED = List.of(
      new MapEntry("docker.io/library/nginx:1.27", "reg.local/mirror/library/nginx:1.27@" + DIGEST),
      new MapEntry("registry.k8s.io/pause:3.9", "reg.local/mirror/pause:3.9@" + DIGEST),
      // The same image named the short way: one entry, not a conflict.
      new MapEntry("nginx:1.27", "reg.local/mirror/library/nginx:1.27@" + DIGEST));

  @TempDir Path dir;

  @Test
  void anImageMapListsEachRelocatedImageOnce() {
    assertThat(ImageMapManifests.yaml(new ImageMapManifests.Namespaced("platform", "relocated"), RELOCATED))
        .isEqualTo("""
            apiVersion: relocator.dev/v1alpha1
            kind: ImageMap
            metadata:
              name: relocated
              namespace: platform
            spec:
              map:
              - from: docker.io/library/nginx:1.27
                to: reg.local/mirror/library/nginx:1.27@%1$s
              - from: registry.k8s.io/pause:3.9
                to: reg.local/mirror/pause:3.9@%1$s
            """.formatted(DIGEST));
  }

  @Test
  void aGeneratedImageMapIsAcceptedByTheStandaloneServerAndServesThePinnedImages() throws Exception {
    List<MapState> maps = readByServeMaps(
        ImageMapManifests.yaml(new ImageMapManifests.Namespaced("platform", "relocated"), RELOCATED), source -> {
          assertThat(served(source, "platform", "nginx:1.27")).contains("reg.local/mirror/library/nginx:1.27@" + DIGEST);
          assertThat(served(source, "other", "nginx:1.27")).isEmpty();
        });
    assertAcceptedWithTheEntries(maps, MapId.namespaced("platform", "relocated"));
  }

  @Test
  void aGeneratedClusterImageMapIsAcceptedAndServesEveryNamespace() throws Exception {
    List<MapState> maps = readByServeMaps(
        ImageMapManifests.yaml(new ImageMapManifests.Cluster("platform"), RELOCATED), source ->
            assertThat(served(source, "any", "registry.k8s.io/pause:3.9")).contains("reg.local/mirror/pause:3.9@" + DIGEST));
    assertAcceptedWithTheEntries(maps, MapId.cluster("platform"));
  }

  @Test
  void oneImageRelocatedToTwoPlacesIsRefused() {
    List<MapEntry> twice = List.of(new MapEntry("nginx:1.27", "reg.local/a/nginx:1.27"),
        new MapEntry("docker.io/library/nginx:1.27", "reg.local/b/nginx:1.27"));
    assertThatThrownBy(() -> ImageMapManifests.yaml(new ImageMapManifests.Cluster("platform"), twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image docker.io/library/nginx:1.27 is relocated to two places: reg.local/a/nginx:1.27 and "
            + "reg.local/b/nginx:1.27");
  }

  @Test
  void anEntryThatIsNoReferenceIsRefusedNamingItsField() {
    assertThatThrownBy(() -> ImageMapManifests.yaml(new ImageMapManifests.Cluster("platform"),
        List.of(new MapEntry("nginx:1.27", "reg.local/Mirror/nginx"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("map[0].to: invalid reference \"reg.local/Mirror/nginx\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Platform|relocated|invalid namespace \"Platform\"",
      "-platform|relocated|invalid namespace \"-platform\"",
      "plat.form|relocated|invalid namespace \"plat.form\"",
      "platform|Relocated|invalid name \"Relocated\"",
      "platform|relocated.|invalid name \"relocated.\""})
  void namesTheApiServerWouldRefuseAreRefused(String namespace, String name, String message) {
    assertThatThrownBy(() -> new ImageMapManifests.Namespaced(namespace, name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message)
        .hasMessageContaining("lowercase letters, digits and '-'");
  }

  @Test
  void longNamesAreRefusedAndDottedObjectNamesAccepted() {
    assertThatThrownBy(() -> new ImageMapManifests.Namespaced("n".repeat(64), "relocated"))
        .hasMessageContaining("at most 63");
    assertThat(new ImageMapManifests.Cluster("relocator.platform").name()).isEqualTo("relocator.platform");
  }

  interface SourceCheck {
    void check(DirectoryMapSource source);
  }

  /** The maps as {@code relocator serve --maps DIR} reads and checks them. */
  private List<MapState> readByServeMaps(String yaml, SourceCheck check) throws Exception {
    Path maps = Files.createDirectories(dir.resolve("maps"));
    Files.writeString(maps.resolve("generated.yaml"), yaml);
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(source.problems()).isEmpty();
      check.check(source);
      return source.maps();
    } finally {
      source.close();
    }
  }

  private static void assertAcceptedWithTheEntries(List<MapState> maps, MapId id) {
    assertThat(maps).hasSize(1);
    MapState map = maps.get(0);
    assertThat(map.id()).isEqualTo(id);
    assertThat(map.status().ready().reason()).as(map.status().ready().message()).isEqualTo("Accepted");
    assertThat(map.status().inForce().entries()).containsExactly(
        new Mapping(ImageReference.parse("nginx:1.27"), ImageReference.parse("reg.local/mirror/library/nginx:1.27@" + DIGEST)),
        new Mapping(ImageReference.parse("registry.k8s.io/pause:3.9"), ImageReference.parse("reg.local/mirror/pause:3.9@" + DIGEST)));
  }

  private static Optional<String> served(DirectoryMapSource source, String namespace, String image) {
    return source.catalog().forNamespace(namespace).relocate(ImageReference.parse(image)).map(ImageReference::toString);
  }
}
