package dev.relocator.oci.json;

import java.util.List;
import java.util.Map;

/**
 * The fields of a manifest or index that copying needs, as {@link ManifestJson} reads them; every
 * other field is skipped (the bytes are kept as they are, never re-serialised).
 *
 * @param artifactType an OCI 1.1 artifact's type; null for images
 * @param subject the manifest this one refers to (OCI 1.1 referrers); null when none
 */
public record ManifestTemplate(
    Integer schemaVersion,
    String mediaType,
    DescriptorTemplate config,
    List<DescriptorTemplate> layers,
    List<DescriptorTemplate> manifests,
    String artifactType,
    DescriptorTemplate subject,
    Map<String, String> annotations) {
  /** A manifest without the OCI 1.1 fields. */
  public ManifestTemplate(Integer schemaVersion, String mediaType, DescriptorTemplate config,
      List<DescriptorTemplate> layers, List<DescriptorTemplate> manifests) {
    this(schemaVersion, mediaType, config, layers, manifests, null, null, null);
  }
}
