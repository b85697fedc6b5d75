package dev.relocator.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.registry.error.RegistryRejectedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  @Test
  void imageManifestListsConfigThenLayersAndKeepsItsExactBytes() {
    String json = "{\"schemaVersion\":2,  \"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"c\",\"digest\":\"" + D1 + "\",\"size\":10},"
        + "\"layers\":[{\"mediaType\":\"l\",\"digest\":\"" + D2 + "\",\"size\":20}]}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Manifest m = Manifest.parse(bytes, null, "test");
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.isIndex()).isFalse();
    assertThat(m.blobs()).extracting(d -> d.digest().toString()).containsExactly(D1, D2);
    assertThat(m.blobBytes()).isEqualTo(30);
    assertThat(m.bytes()).isEqualTo(bytes);
    assertThat(m.digest()).isEqualTo(Digest.sha256(bytes));
  }

  @Test
  void indexEntriesCarryTheirPlatforms() {
    String json = "{\"schemaVersion\":2,\"manifests\":["
        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":1,"
        + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}},"
        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D2 + "\",\"size\":2}]}";
    Manifest m = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX + "; charset=utf-8", "test");
    assertThat(m.isIndex()).isTrue();
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(m.manifests()).extracting(Descriptor::platform)
        .containsExactly(Platform.parse("linux/arm/v7"), null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"schemaVersion\":1,\"name\":\"x\"} | this is a Docker schema 1 manifest (schemaVersion 1), which Relocator does not copy",
    "{\"schemaVersion\":3} | manifest schemaVersion 3 is not supported",
    "not json | manifest is not valid JSON",
    "{\"schemaVersion\":2,\"mediaType\":\"text/plain\"} | unsupported manifest media type text/plain",
    "{\"schemaVersion\":2,\"layers\":[]} | image manifest has no config",
  })
  void unsupportedDocumentsAreRefusedSayingWhy(String json, String reason) {
    assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8), null, "pull manifest r/a:1"))
        .isInstanceOf(RegistryRejectedException.class)
        .hasMessageStartingWith("pull manifest r/a:1: " + reason);
  }

  @ParameterizedTest
  @CsvSource({MediaTypes.DOCKER_SCHEMA1, MediaTypes.DOCKER_SCHEMA1_SIGNED})
  void schemaOneIsRefusedSayingWhyAndHowToConvert(String contentType) {
    String json = "{\"schemaVersion\":1,\"name\":\"demo/old\",\"tag\":\"1\",\"fsLayers\":[],\"signatures\":[]}";
    assertThatThrownBy(() -> Manifest.parse(json.getBytes(StandardCharsets.UTF_8), contentType, "pull manifest r/old:1"))
        .isInstanceOf(RegistryRejectedException.class)
        .hasMessageStartingWith("pull manifest r/old:1: this is a Docker schema 1 manifest (" + contentType + ")")
        .hasMessageContaining("current registries refuse to store it")
        .hasMessageContaining("skopeo copy --format v2s2");
  }

  @Test
  void anArtifactStatesItsTypeAndItsLayersTheirAnnotations() {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"application/spdx+json\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + D1 + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"l\",\"digest\":\"" + D2 + "\",\"size\":20,\"annotations\":{\"k\":\"v\"}}],"
        + "\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"digest\":\"" + D2 + "\",\"size\":300},"
        + "\"annotations\":{\"org.opencontainers.image.created\":\"now\"}}";
    Manifest m = Manifest.parse(json.getBytes(StandardCharsets.UTF_8), null, "test");
    assertThat(m.isArtifact()).isTrue();
    assertThat(m.referrerType()).contains("application/spdx+json");
    assertThat(m.blobs().get(1).annotations()).containsEntry("k", "v");
  }

  @Test
  void aHelmChartIsAnArtifactTypedByItsConfigAndAnImageIsNot() {
    String chart = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.HELM_CONFIG + "\",\"digest\":\"" + D1
        + "\",\"size\":2},\"layers\":[]}";
    String image = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + D1
        + "\",\"size\":2},\"layers\":[]}";
    Manifest helm = Manifest.parse(chart.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "test");
    assertThat(helm.isArtifact()).isTrue();
    assertThat(helm.referrerType()).contains(MediaTypes.HELM_CONFIG);
    assertThat(Manifest.parse(image.getBytes(StandardCharsets.UTF_8), null, "test").isArtifact()).isFalse();
  }
}
