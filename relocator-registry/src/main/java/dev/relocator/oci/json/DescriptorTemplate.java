package dev.relocator.oci.json;

/** A descriptor as a manifest or index holds it: any field may be missing until it is validated. */
public record DescriptorTemplate(String mediaType, String digest, Long size, PlatformTemplate platform) {}
