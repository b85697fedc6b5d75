package dev.relocator.oci.json;

import java.util.Map;

/** A descriptor as a manifest or index holds it: any field may be missing until it is validated. */
public record DescriptorTemplate(String mediaType, String digest, Long size, PlatformTemplate platform,
    String artifactType, Map<String, String> annotations) {
  /** A descriptor without artifact type or annotations. */
  public DescriptorTemplate(String mediaType, String digest, Long size, PlatformTemplate platform) {
    this(mediaType, digest, size, platform, null, null);
  }
}
