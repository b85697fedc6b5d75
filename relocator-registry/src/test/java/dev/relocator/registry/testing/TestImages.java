package dev.relocator.registry.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * The images the mirror tests copy, in one OCI layout: a single-arch image, a two-platform index
 * and a second image, all three sharing one base layer; optionally an image with a large layer.
 */
public final class TestImages {
  /** Image names in the layout and their repositories once pushed. */
  public static final String SINGLE = "demo/single:1.0";
  public static final String MULTI = "demo/multi:1.0";
  public static final String OTHER = "demo/other:2.0";
  public static final String BIG = "demo/big:1.0";

  public final OciImageBuilder layout;
  public final OciImageBuilder.Blob base;
  public final OciImageBuilder.Image single;
  public final OciImageBuilder.Index multi;
  public final OciImageBuilder.Image other;
  public final OciImageBuilder.Image big;

  private TestImages(Path dir, long bigLayerBytes) {
    layout = OciImageBuilder.create(dir);
    base = layout.layer("base.bin", 400_000, 1);
    single = layout.image("linux", "amd64", base, layout.layer("single.bin", 120_000, 2));
    OciImageBuilder.Image amd64 = layout.image("linux", "amd64", base, layout.layer("multi-amd64.bin", 150_000, 3));
    OciImageBuilder.Image arm64 = layout.image("linux", "arm64", base, layout.layer("multi-arm64.bin", 160_000, 4));
    multi = layout.index(amd64, arm64);
    other = layout.image("linux", "amd64", base, layout.layer("other.bin", 90_000, 5));
    layout.tag(SINGLE, single.manifest()).tag(MULTI, multi.index()).tag(OTHER, other.manifest());
    if (bigLayerBytes > 0) {
      big = layout.image("linux", "amd64", base, layout.layer("big.bin", bigLayerBytes, 6));
      layout.tag(BIG, big.manifest());
    } else {
      big = null;
    }
  }

  /** The three small images. */
  public static TestImages small(Path dir) {
    return new TestImages(dir, 0);
  }

  /** The three small images and one with a layer of {@code bytes} (50 MB+ for the big tests). */
  public static TestImages withBigLayer(Path dir, long bytes) {
    return new TestImages(dir, bytes);
  }

  public List<String> names() {
    return big == null ? List.of(SINGLE, MULTI, OTHER) : List.of(SINGLE, MULTI, OTHER, BIG);
  }

  /** The digest the layout names {@code name}. */
  public String digest(String name) {
    return switch (name) {
      case SINGLE -> single.manifest().digest();
      case MULTI -> multi.index().digest();
      case OTHER -> other.manifest().digest();
      case BIG -> big.manifest().digest();
      default -> throw new IllegalArgumentException(name);
    };
  }
}
