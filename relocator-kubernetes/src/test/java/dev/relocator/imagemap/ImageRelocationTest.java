package dev.relocator.imagemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRelocationTest {

  /** nginx to reg.local/mirror/nginx, and (a defect the consistency check refuses) that on again. */
  private static final ImageMapping CHAIN = ref -> switch (ref.familiarName()) {
    case "nginx" -> Optional.of(ImageReference.parse("reg.local/mirror/nginx:" + ref.tag().orElse("latest")));
    case "reg.local/mirror/nginx" -> Optional.of(ImageReference.parse("reg.local/other/nginx:1.27"));
    default -> Optional.empty();
  };

  @Test
  void aMappedImageIsRelocatedWithBothReferencesParsedOnce() {
    ImageMapping mapping = ref -> ref.familiarName().equals("nginx")
        ? Optional.of(ImageReference.parse("reg.local/mirror/nginx:1.27")) : Optional.empty();
    ImageRelocation r = ImageRelocation.of("nginx:1.27", mapping);
    assertThat(r.relocated()).isTrue();
    assertThat(r.image()).isEqualTo("reg.local/mirror/nginx:1.27");
    assertThat(r.from()).isEqualTo(ImageReference.parse("nginx:1.27"));
    assertThat(r.to()).isEqualTo(ImageReference.parse("reg.local/mirror/nginx:1.27"));
    assertThat(r.problem()).isNull();
  }

  @Test
  void anUnmappedImageStaysWithItsOwnReference() {
    ImageRelocation r = ImageRelocation.of("busybox:1.36", ImageMapping.NONE);
    assertThat(r.relocated()).isFalse();
    assertThat(r.image()).isEqualTo("busybox:1.36");
    assertThat(r.to()).isEqualTo(r.from()).isEqualTo(ImageReference.parse("busybox:1.36"));
    assertThat(r.problem()).isNull();
  }

  @Test
  void anImageWhoseRelocationWouldBeRelocatedAgainIsLeftAloneAndSaysWhy() {
    ImageRelocation r = ImageRelocation.of("nginx:1.27", CHAIN);
    assertThat(r.relocated()).isFalse();
    assertThat(r.image()).isEqualTo("nginx:1.27");
    assertThat(r.problem()).isEqualTo("nginx:1.27 would become reg.local/mirror/nginx:1.27, which the mapping"
        + " relocates again to reg.local/other/nginx:1.27");
  }

  @Test
  void whatIsNotAReferenceIsLeftAloneWithTheParsersReason() {
    ImageRelocation r = ImageRelocation.of("Not A Reference", CHAIN);
    assertThat(r.relocated()).isFalse();
    assertThat(r.from()).isNull();
    assertThat(r.to()).isNull();
    assertThat(r.image()).isEqualTo("Not A Reference");
    assertThat(r.problem()).isNotBlank();
  }
}
