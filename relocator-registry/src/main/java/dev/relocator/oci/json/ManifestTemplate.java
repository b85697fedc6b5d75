package dev.relocator.oci.json;

import java.util.List;

/**
 * The fields of a manifest or index that copying needs, as {@link ManifestJson} reads them; every
 * other field is skipped (the bytes are kept as they are, never re-serialised).
 *
 * @param artifactType an OCI 1.1 artifact's type; null for images
 */
public record ManifestTemplate(
    Integer schemaVersion,
    String mediaType,
    DescriptorTemplate config,
    List<DescriptorTemplate> layers,
    List<DescriptorTemplate> manifests,
    String artifactType) {}
