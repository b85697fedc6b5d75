package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How attachments are named and selected: fallback tags, layout scopes, the --referrers modes. */
class AttachmentNamesTest {
  @Test
  void theFallbackTagIsTheDigestWithItsColonReplaced() {
    Digest digest = Digest.parse("sha256:" + "0123456789abcdef".repeat(4));
    assertThat(AttachmentCopier.fallbackTag(digest)).isEqualTo("sha256-" + "0123456789abcdef".repeat(4));
  }

  @ParameterizedTest
  @CsvSource({
      "docker.io/library/app:1.0, docker.io/library/app",
      "127.0.0.1:5000/demo/app:1.0, 127.0.0.1:5000/demo/app",
      "127.0.0.1:5000/demo/app, 127.0.0.1:5000/demo/app",
      "x.io/app@sha256:abc, x.io/app",
      "x.io/app:1.0@sha256:abc, x.io/app",
      "app, app",
      "app:latest, app",
  })
  void aLayoutNamesAttachmentsBesideTheImagesRepository(String refName, String scope) {
    assertThat(LayoutReadingStore.scope(refName)).isEqualTo(scope);
  }

  @ParameterizedTest
  @CsvSource({
      "all, .sig, true", "all, .att, true", "all, .sbom, true",
      "signatures, .sig, true", "signatures, .att, false", "signatures, .sbom, false",
      "none, .sig, false",
  })
  void modesSelectCosignTags(String mode, String suffix, boolean kept) {
    assertThat(ReferrersMode.parse(mode).keepsTag(suffix)).isEqualTo(kept);
  }

  @Test
  void signaturesModeKeepsOnlyReferrersTypedAsSignatures() {
    assertThat(ReferrersMode.SIGNATURES.keepsReferrer("application/vnd.dev.cosign.artifact.sig.v1+json")).isTrue();
    assertThat(ReferrersMode.SIGNATURES.keepsReferrer("application/vnd.cncf.notary.signature")).isTrue();
    assertThat(ReferrersMode.SIGNATURES.keepsReferrer("application/spdx+json")).isFalse();
    assertThat(ReferrersMode.SIGNATURES.keepsReferrer(null)).isFalse();
    assertThat(ReferrersMode.ALL.keepsReferrer(null)).isTrue();
    assertThat(ReferrersMode.NONE.keepsReferrer("application/vnd.cncf.notary.signature")).isFalse();
  }

  @Test
  void anUnknownModeSaysWhatIsExpected() {
    assertThatThrownBy(() -> ReferrersMode.parse("some"))
        .hasMessage("invalid referrers mode \"some\": expected all, signatures or none");
  }
}
