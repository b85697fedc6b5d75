package dev.relocator.oci.json;

import java.util.List;

/**
 * The fields of a manifest or index that copying needs, as {@link ManifestJson} reads them; every
 * other field is skipped (the bytes are kept as they are, never re-serialised).
 */
public record ManifestTemplate(
    Integer schemaVersion,
    String mediaType,
    DescriptorTemplate config,
    List<DescriptorTemplate> layers,
    List<DescriptorTemplate> manifests) {}
