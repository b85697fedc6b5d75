package dev.relocator.registry;

/** A descriptor as a manifest or index holds it: any field may be missing until it is validated. */
record DescriptorTemplate(String mediaType, String digest, Long size, PlatformTemplate platform) {}
