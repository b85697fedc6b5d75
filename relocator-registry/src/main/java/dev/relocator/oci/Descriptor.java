package dev.relocator.oci;

import dev.relocator.image.Digest;
import java.util.Optional;

/**
 * A content descriptor: what a manifest says about a blob or child manifest.
 *
 * @param platform the platform of an index entry; null for blobs and unannotated entries
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform) {
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null);
  }

  public Optional<Platform> optionalPlatform() {
    return Optional.ofNullable(platform);
  }
}
