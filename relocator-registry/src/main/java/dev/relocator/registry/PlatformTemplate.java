package dev.relocator.registry;

/** An index entry's {@code platform} object as sent. */
record PlatformTemplate(String os, String architecture, String variant) {}
