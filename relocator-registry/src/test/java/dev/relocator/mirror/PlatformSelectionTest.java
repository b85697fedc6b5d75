package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.registry.Manifest;
import dev.relocator.registry.MediaTypes;
import dev.relocator.registry.Platform;
import dev.relocator.registry.RegistryRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSelectionTest {
  private static final String AMD = "sha256:" + "a".repeat(64);
  private static final String ARM = "sha256:" + "b".repeat(64);
  private final Manifest index = Manifest.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\","
      + "\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + AMD + "\",\"size\":5,"
      + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
      + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + ARM + "\",\"size\":6,"
      + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}],"
      + "\"annotations\":{\"kept\":\"yes\"}}").getBytes(StandardCharsets.UTF_8), null, "t");

  @Test
  void noFilterKeepsTheIndexByteForByte() {
    PlatformSelection s = PlatformSelection.select(index, List.of(), "t");
    assertThat(s.index()).isSameAs(index);
    assertThat(s.selected()).hasSize(2);
    assertThat(s.note()).isEmpty();
  }

  @Test
  void filterMatchingEveryEntryAlsoKeepsTheDigest() {
    PlatformSelection s = PlatformSelection.select(index, List.of(Platform.parse("amd64"), Platform.parse("arm64")), "t");
    assertThat(s.digest()).isEqualTo(index.digest());
    assertThat(s.note()).isEmpty();
  }

  @Test
  void subsetRewritesTheIndexKeepsOtherFieldsAndStatesBothDigests() {
    PlatformSelection s = PlatformSelection.select(index, List.of(Platform.parse("linux/arm64")), "t");
    assertThat(s.selected()).extracting(d -> d.digest().toString()).containsExactly(ARM);
    assertThat(s.index().manifests()).extracting(d -> d.digest().toString()).containsExactly(ARM);
    assertThat(new String(s.index().bytes(), StandardCharsets.UTF_8)).contains("\"annotations\":{\"kept\":\"yes\"}");
    assertThat(s.note()).contains("index rewritten with 1 of 2 platforms [linux/arm64]: digest " + index.digest()
        + " -> " + s.digest() + " (the target does not carry the source digest)");
  }

  @Test
  void filterMatchingNothingIsAnErrorListingWhatExists() {
    assertThatThrownBy(() -> PlatformSelection.select(index, List.of(Platform.parse("s390x")), "copy r/a:1"))
        .isInstanceOf(RegistryRejectedException.class)
        .hasMessage("copy r/a:1: no platform matches [s390x] (index has [linux/amd64, linux/arm64])");
  }
}
