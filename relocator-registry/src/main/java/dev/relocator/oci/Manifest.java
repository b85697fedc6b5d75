package dev.relocator.oci;

import dev.relocator.image.Digest;
import dev.relocator.oci.json.DescriptorTemplate;
import dev.relocator.oci.json.ManifestJson;
import dev.relocator.oci.json.ManifestTemplate;
import dev.relocator.registry.error.RegistryRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A manifest or index exactly as stored: its bytes (never re-serialised, so the digest is kept),
 * media type and digest, with the descriptors it references.
 */
public final class Manifest {
  private final byte[] bytes;
  private final String mediaType;
  private final Digest digest;
  private final List<Descriptor> manifests;
  private final List<Descriptor> blobs;
  private final String artifactType;

  private Manifest(byte[] bytes, String mediaType, Digest digest, List<Descriptor> manifests, List<Descriptor> blobs,
      String artifactType) {
    this.bytes = bytes;
    this.mediaType = mediaType;
    this.digest = digest;
    this.manifests = manifests;
    this.blobs = blobs;
    this.artifactType = artifactType;
  }

  /**
   * Reads {@code bytes} (from {@code where}, for messages). The media type is the document's own
   * {@code mediaType} field, else {@code contentType}, else inferred from its shape.
   */
  public static Manifest parse(byte[] bytes, String contentType, String where) {
    ManifestTemplate template;
    try {
      template = ManifestJson.read(bytes);
    } catch (IOException e) {
      throw RegistryRejectedException.invalid(where + ": manifest is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    String type = contentType == null ? "" : contentType.split(";")[0].strip();
    if (Integer.valueOf(1).equals(template.schemaVersion()) || type.equals(MediaTypes.DOCKER_SCHEMA1)
        || type.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
      throw RegistryRejectedException.invalid(where + ": this is a Docker schema 1 manifest ("
          + (type.isEmpty() ? "schemaVersion 1" : type) + "), which Relocator does not copy: schema 1 is deprecated, "
          + "its signed form cannot be copied byte for byte to another name, current registries refuse to store it "
          + "and current Docker refuses to pull it. Convert the image to schema 2 first (for example skopeo copy "
          + "--format v2s2 from the source to a registry you control; it gets a new digest) and mirror the converted "
          + "image");
    }
    if (template.schemaVersion() == null || template.schemaVersion() != 2) {
      throw RegistryRejectedException.invalid(
          where + ": manifest schemaVersion " + template.schemaVersion() + " is not supported (only schema 2, OCI)");
    }
    String mediaType = template.mediaType();
    if (mediaType == null || mediaType.isEmpty()) {
      mediaType = MediaTypes.isManifest(type) ? type
          : template.manifests() != null ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (!MediaTypes.isManifest(mediaType)) {
      throw RegistryRejectedException.invalid(where + ": unsupported manifest media type " + mediaType);
    }
    List<Descriptor> manifests = new ArrayList<>();
    List<Descriptor> blobs = new ArrayList<>();
    try {
      if (MediaTypes.isIndex(mediaType)) {
        for (DescriptorTemplate d : nonNull(template.manifests())) {
          manifests.add(descriptor(d));
        }
      } else {
        if (template.config() == null) {
          throw RegistryRejectedException.invalid(where + ": image manifest has no config");
        }
        blobs.add(descriptor(template.config()));
        for (DescriptorTemplate d : nonNull(template.layers())) {
          blobs.add(descriptor(d));
        }
      }
    } catch (IllegalArgumentException e) {
      throw RegistryRejectedException.invalid(where + ": invalid descriptor: " + e.getMessage());
    }
    return new Manifest(bytes.clone(), mediaType, Digest.sha256(bytes), List.copyOf(manifests), List.copyOf(blobs),
        emptyToNull(template.artifactType()));
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Descriptor descriptor(DescriptorTemplate d) {
    if (d.digest() == null || d.size() == null || d.size() < 0) {
      throw new IllegalArgumentException("descriptor " + d.digest() + " lacks a digest or size");
    }
    Platform platform = d.platform() == null || d.platform().architecture() == null ? null
        : new Platform(d.platform().os(), d.platform().architecture(), emptyToNull(d.platform().variant()));
    return new Descriptor(d.mediaType(), Digest.parse(d.digest()), d.size(), platform, emptyToNull(d.artifactType()),
        d.annotations());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A copy of the exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The sha256 of the bytes. */
  public Digest digest() {
    return digest;
  }

  /** This manifest's own descriptor. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** An index's entries, in order; empty for an image manifest. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /** An image manifest's config then layers; empty for an index. */
  public List<Descriptor> blobs() {
    return blobs;
  }

  /** Sum of the sizes of the blobs an image manifest references. */
  public long blobBytes() {
    return blobs.stream().mapToLong(Descriptor::size).sum();
  }

  /** The config descriptor of an image manifest; empty for an index. */
  public Optional<Descriptor> config() {
    return blobs.isEmpty() ? Optional.empty() : Optional.of(blobs.get(0));
  }

  /** The manifest's own {@code artifactType} field (OCI 1.1); empty for images. */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  /**
   * Whether this is an artifact rather than a runnable image: it states an {@code artifactType},
   * or its config is no image config (a Helm chart, a cosign signature's simple config excepted).
   * An artifact has no platform and is copied whole.
   */
  public boolean isArtifact() {
    if (artifactType != null) {
      return true;
    }
    return config().map(c -> !MediaTypes.isImageConfig(c.mediaType())).orElse(false);
  }

  /**
   * The type a referrers index lists this manifest under: its {@code artifactType}, else its
   * config's media type, as the distribution spec defines it.
   */
  public Optional<String> referrerType() {
    return artifactType().or(() -> config().map(Descriptor::mediaType));
  }

}
