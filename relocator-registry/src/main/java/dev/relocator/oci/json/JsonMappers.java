package dev.relocator.oci.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The module's one data-binding {@link ObjectMapper}, built on first use: building one costs a
 * fresh JVM some 50 ms, and most runs never need it (manifests and error bodies are read with
 * jackson-core's streaming parser; tokens, credential helpers, image configs, index rewrites,
 * Docker's config.json and OCI layout indexes are what use it). Thread-safe: it is never
 * reconfigured after construction.
 */
public final class JsonMappers {
  private JsonMappers() {}

  private static final class Holder {
    static final ObjectMapper PLAIN = new ObjectMapper();
  }

  /** A mapper with Jackson's defaults. */
  public static ObjectMapper plain() {
    return Holder.PLAIN;
  }
}
