package dev.relocator.oci.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferrersIndexJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final DescriptorTemplate SBOM = new DescriptorTemplate("application/vnd.oci.image.manifest.v1+json", B, 321L,
      null, "application/spdx+json", Map.of("org.opencontainers.image.created", "2026-12-07T00:00:00Z"));

  @Test
  void aNewIndexListsTheReferrersWithTheirArtifactTypeAndAnnotations() throws Exception {
    JsonNode index = JSON.readTree(ReferrersIndexJson.merge(Optional.empty(), List.of(SBOM)).orElseThrow());

    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    JsonNode entry = index.path("manifests").get(0);
    assertThat(entry.path("digest").asText()).isEqualTo(B);
    assertThat(entry.path("size").asLong()).isEqualTo(321);
    assertThat(entry.path("artifactType").asText()).isEqualTo("application/spdx+json");
    assertThat(entry.path("annotations").path("org.opencontainers.image.created").asText()).isEqualTo("2026-12-07T00:00:00Z");
  }

  @Test
  void existingEntriesAreKeptExactlyAndNewOnesAppended() throws Exception {
    String existing = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":9,"
        + "\"artifactType\":\"application/vnd.example\",\"x-unknown\":{\"kept\":[1,2]}}]}";

    JsonNode index = JSON.readTree(ReferrersIndexJson.merge(Optional.of(existing.getBytes(StandardCharsets.UTF_8)),
        List.of(SBOM)).orElseThrow());

    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").get(0)).isEqualTo(JSON.readTree(existing).path("manifests").get(0));
    assertThat(index.path("manifests").get(1).path("digest").asText()).isEqualTo(B);
  }

  @Test
  void anIndexThatListsEveryReferrerAlreadyIsLeftAlone() throws Exception {
    byte[] once = ReferrersIndexJson.merge(Optional.empty(), List.of(SBOM)).orElseThrow();

    assertThat(ReferrersIndexJson.merge(Optional.of(once), List.of(SBOM))).isEmpty();
  }
}
