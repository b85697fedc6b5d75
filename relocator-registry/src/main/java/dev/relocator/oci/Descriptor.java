package dev.relocator.oci;

import dev.relocator.image.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * A content descriptor: what a manifest says about a blob or child manifest.
 *
 * @param platform the platform of an index entry; null for blobs and unannotated entries
 * @param artifactType the entry's {@code artifactType} (a referrers index states it); null when absent
 * @param annotations the entry's annotations (a cosign signature layer holds its signature there)
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform, String artifactType,
    Map<String, String> annotations) {
  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A descriptor without artifact type or annotations. */
  public Descriptor(String mediaType, Digest digest, long size, Platform platform) {
    this(mediaType, digest, size, platform, null, Map.of());
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null);
  }

  public Optional<Platform> optionalPlatform() {
    return Optional.ofNullable(platform);
  }
}
