package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.Platform;
import dev.relocator.registry.error.RegistryRejectedException;
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

  private static final String V7 = "sha256:" + "c".repeat(64);

  private static String entry(String mediaType, String digest, long size, String platform) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + (platform == null ? "" : ",\"platform\":" + platform) + "}";
  }

  private static Manifest indexOf(String... entries) {
    return Manifest.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8), null, "t");
  }

  private static String nestedEntry(Manifest child) {
    return entry(MediaTypes.OCI_INDEX, child.digest().toString(), child.size(), null);
  }

  /** An index of {amd64, arm64} nested in an index beside linux/arm/v7. */
  private final Manifest outer = indexOf(nestedEntry(index),
      entry(MediaTypes.OCI_MANIFEST, V7, 7, "{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}"));

  private java.util.function.Function<dev.relocator.image.Digest, Manifest> pull(Manifest... known) {
    java.util.Map<dev.relocator.image.Digest, Manifest> byDigest = new java.util.HashMap<>();
    for (Manifest m : known) {
      byDigest.put(m.digest(), m);
    }
    return d -> java.util.Objects.requireNonNull(byDigest.get(d), "not in the test source: " + d);
  }

  @Test
  void nestedIndexesAreFollowedAndKeptByteForByteWithoutFilter() {
    PlatformSelection s = PlatformSelection.select(outer, List.of(), pull(index), "t");
    assertThat(s.index()).isSameAs(outer);
    assertThat(s.nested()).containsExactly(index);
    assertThat(s.selected()).extracting(d -> d.digest().toString()).containsExactly(AMD, ARM, V7);
    assertThat(s.note()).isEmpty();
  }

  @Test
  void aFilterAppliesAtEveryDepthAndRewritesEachIndexThatLosesEntriesAndItsParents() {
    PlatformSelection s = PlatformSelection.select(outer, List.of(Platform.parse("arm64"), Platform.parse("arm")),
        pull(index), "t");
    assertThat(s.selected()).extracting(d -> d.digest().toString()).containsExactly(ARM, V7);
    Manifest inner = s.nested().get(0);
    assertThat(inner.manifests()).extracting(d -> d.digest().toString()).containsExactly(ARM);
    assertThat(s.index().manifests().get(0).digest()).isEqualTo(inner.digest());
    assertThat(s.index().manifests().get(0).size()).isEqualTo(inner.size());
    assertThat(s.note().orElseThrow()).contains("index rewritten with 2 of 3 platforms [linux/arm64, linux/arm/v7]: digest "
        + outer.digest() + " -> " + s.index().digest());
  }

  @Test
  void aNestedIndexWithNothingSelectedIsDropped() {
    PlatformSelection s = PlatformSelection.select(outer, List.of(Platform.parse("linux/arm/v7")), pull(index), "t");
    assertThat(s.nested()).isEmpty();
    assertThat(s.index().manifests()).extracting(d -> d.digest().toString()).containsExactly(V7);
  }

  @Test
  void nestedIndexesComeChildrenBeforeParents() {
    Manifest middle = indexOf(nestedEntry(index));
    Manifest top = indexOf(nestedEntry(middle));
    PlatformSelection s = PlatformSelection.select(top, List.of(), pull(index, middle), "t");
    assertThat(s.nested()).containsExactly(index, middle);
  }

  @Test
  void nestingDeeperThanTheBoundIsRefused() {
    List<Manifest> chain = new java.util.ArrayList<>(List.of(index));
    for (int i = 0; i < PlatformSelection.MAX_DEPTH; i++) {
      chain.add(indexOf(nestedEntry(chain.get(chain.size() - 1))));
    }
    Manifest top = chain.get(chain.size() - 1);
    assertThatThrownBy(() -> PlatformSelection.select(top, List.of(), pull(chain.toArray(Manifest[]::new)), "copy r/a:1"))
        .isInstanceOf(RegistryRejectedException.class)
        .hasMessageContaining("copy r/a:1: index ")
        .hasMessageContaining("is nested deeper than 8 levels");
    // Eight levels in all are accepted.
    Manifest eight = chain.get(chain.size() - 2);
    assertThat(PlatformSelection.select(eight, List.of(), pull(chain.toArray(Manifest[]::new)), "t").nested()).hasSize(7);
  }
}
