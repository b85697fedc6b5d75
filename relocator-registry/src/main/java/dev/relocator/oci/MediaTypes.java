package dev.relocator.oci;

import java.util.List;

/** The manifest media types this client reads and writes, OCI and Docker v2. */
public final class MediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker's schema 1 manifest, unsigned and signed; read only to be refused with a clear reason. */
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /** Image config blobs: a manifest with another config is an artifact. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** The empty descriptor's type, which OCI 1.1 artifacts use as their config. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** A Helm chart's config, as Helm pushes charts to OCI registries. */
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";

  /** Everything a manifest request accepts, indexes first. */
  public static final List<String> MANIFESTS = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  /** Whether {@code mediaType} is an index (OCI index or Docker manifest list). */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
  }

  /** Whether {@code mediaType} is one of the manifest types this client handles. */
  public static boolean isManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }

  /** Whether {@code mediaType} is a runnable image's config (an absent type counts as one). */
  public static boolean isImageConfig(String mediaType) {
    return mediaType == null || OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
  }
}
