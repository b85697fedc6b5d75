package dev.relocator.mirror;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.Platform;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The platform of a single image manifest, which only its config blob states ({@code os},
 * {@code architecture}, {@code variant}); an index states it in its entries instead.
 */
final class ConfigPlatform {
  /** Image configs are a few KiB; a larger "config" is some other artifact's, not worth reading. */
  static final long MAX_CONFIG_BYTES = 1 << 20;
  private static final List<String> IMAGE_CONFIGS = List.of(
      "application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json");

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ConfigTemplate(String os, String architecture, String variant) {}

  private ConfigPlatform() {}

  /** The platform {@code manifest}'s config states; empty when it is no image config or states none. */
  static Optional<Platform> read(ImageStore store, Manifest manifest, String where) {
    if (manifest.isIndex() || manifest.blobs().isEmpty()) {
      return Optional.empty();
    }
    Descriptor config = manifest.blobs().get(0);
    if ((config.mediaType() != null && !IMAGE_CONFIGS.contains(config.mediaType())) || config.size() > MAX_CONFIG_BYTES) {
      return Optional.empty();
    }
    ConfigTemplate template;
    try (InputStream in = store.pullBlob(config.digest(), config.size())) {
      // Read to the end, so the stream verifies the digest before the content is trusted.
      template = JsonMappers.plain().readValue(in.readAllBytes(), ConfigTemplate.class);
    } catch (IOException e) {
      throw new RegistryException(where + ": read image config " + config.digest() + ": " + e.getMessage(), e);
    }
    if (template == null || template.architecture() == null || template.architecture().isEmpty()) {
      return Optional.empty();
    }
    String os = template.os() == null || template.os().isEmpty() ? null : template.os();
    String variant = template.variant() == null || template.variant().isEmpty() ? null : template.variant();
    return Optional.of(new Platform(os, template.architecture(), variant));
  }
}
