package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.RelocatorException;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a relocation's sources add up, and when the bundle takes over. */
class RelocationSourcesTest {
  private static final ImageReference NGINX = ImageReference.parse("nginx:1.27");
  private static final ImageReference PAUSE = ImageReference.parse("registry.k8s.io/pause:3.10");
  private static final ImageReference AGENT = ImageReference.parse("upstream.example/agent:1.0");
  private static final Path BUNDLE = Path.of("platform.tar");

  private static Map<ImageReference, ImageLocation.Layout> bundle(ImageReference... images) {
    Map<ImageReference, ImageLocation.Layout> bundle = new LinkedHashMap<>();
    for (ImageReference image : images) {
      bundle.put(image, new ImageLocation.Layout(BUNDLE, image.toString(), true));
    }
    return bundle;
  }

  @Test
  void sourcesAddUpAndEachImageIsCopiedOnce() {
    Map<ImageReference, ImageLocation> sources =
        RelocationSources.combine(List.of(NGINX, PAUSE, ImageReference.parse("docker.io/library/nginx:1.27"), AGENT),
            null, null);
    assertThat(sources).containsExactly(Map.entry(NGINX, new ImageLocation.Registry(NGINX)),
        Map.entry(PAUSE, new ImageLocation.Registry(PAUSE)), Map.entry(AGENT, new ImageLocation.Registry(AGENT)));
  }

  @Test
  void besideOtherSourcesTheBundleServesTheImagesTheyName() {
    Map<ImageReference, ImageLocation> sources =
        RelocationSources.combine(List.of(PAUSE, NGINX), bundle(NGINX, AGENT, PAUSE), "oci-archive:platform.tar");
    assertThat(sources.keySet()).containsExactly(PAUSE, NGINX); // the bundle's AGENT is named by no source
    assertThat(sources.get(NGINX)).isEqualTo(new ImageLocation.Layout(BUNDLE, "docker.io/library/nginx:1.27", true));
  }

  @Test
  void aBundleAloneGivesEveryImageInIt() {
    assertThat(RelocationSources.combine(List.of(), bundle(AGENT, NGINX), "oci-archive:platform.tar").keySet())
        .containsExactly(AGENT, NGINX);
  }

  @Test
  void imagesTheBundleLacksAreNamedAllAtOnce() {
    assertThatThrownBy(() -> RelocationSources.combine(List.of(NGINX, PAUSE, AGENT), bundle(PAUSE),
        "oci-archive:platform.tar"))
        .isInstanceOf(RelocatorException.class)
        .hasMessage("sources.bundle oci-archive:platform.tar lacks 2 of the 3 images the other sources name: "
            + "docker.io/library/nginx:1.27, upstream.example/agent:1.0 (relocate them into the bundle on the"
            + " connected side first)");
  }
}
