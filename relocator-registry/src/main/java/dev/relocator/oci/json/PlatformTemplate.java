package dev.relocator.oci.json;

/** An index entry's {@code platform} object as sent. */
public record PlatformTemplate(String os, String architecture, String variant) {}
