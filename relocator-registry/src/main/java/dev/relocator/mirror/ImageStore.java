package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * One repository the engine reads or writes: a registry repository, or an OCI layout. References
 * are a tag (a layout's image name) or a digest string.
 */
interface ImageStore {
  String describe();

  /** Blobs with the same storage key are stored once (a registry, a layout directory). */
  String storageKey();

  /** The registry repository, for cross-repository mounts; empty for a layout. */
  Optional<String> repository();

  Optional<Descriptor> checkManifest(String reference);

  Manifest pullManifest(String reference);

  /**
   * Stores {@code manifest} byte for byte under {@code reference}; answers the digest the store
   * confirmed storing (only ever the manifest's), or empty when it did not say.
   */
  Optional<Digest> pushManifest(String reference, Manifest manifest);

  /** The blob's bytes, verified against {@code digest} and {@code size} (-1: unknown) at their end. */
  InputStream pullBlob(Digest digest, long size);

  /**
   * The blob's bytes for a copy into another store, checked for their size but not hashed: every
   * {@link #pushBlob} verifies the digest of what it stores, so hashing on the way too would only
   * double the CPU cost of a copy.
   */
  InputStream pullBlobForCopy(Digest digest, long size);

  /**
   * Brings blob {@code digest} into this repository, the cheapest way the store allows: nothing
   * when it holds the blob already, a mount from {@code mountFrom} (a repository of the same
   * storage; empty: this one) when that holds it, else {@code content} streamed in, stored only if
   * its bytes hash to {@code digest}: a registry checks on the closing {@code PUT ?digest=} (the
   * distribution spec requires it, and the upload fails otherwise), an OCI layout as it writes.
   * A registry is asked which applies by the request that would otherwise start the upload.
   */
  BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) throws IOException;

  /**
   * The tags of this store's repository: a registry's tag list, or the names an OCI layout holds
   * under this location's repository (see {@link #attachmentReference}). Read once per repository
   * and run to find cosign tags and referrers fallback tags without asking for each.
   */
  default List<String> listTags() {
    return List.of();
  }

  /**
   * Stores with equal keys list the same tags (see {@link #listTags}): one registry repository,
   * one repository's names in a layout.
   */
  default String tagListKey() {
    return storageKey() + "/" + repository().orElse("");
  }

  /** The referrers of {@code subject} through a referrers API; empty when the store has none. */
  default Optional<List<Descriptor>> referrers(Digest subject) {
    return Optional.empty();
  }

  /**
   * Stores {@code manifest}, which names a subject, by its digest; answers whether the store lists
   * it as a referrer itself (a registry's {@code OCI-Subject}), else the caller keeps the fallback
   * tag index up to date.
   */
  default boolean pushReferrer(Manifest manifest) {
    pushManifest(manifest.digest().toString(), manifest);
    return false;
  }

  /**
   * The reference of tag {@code tag} beside this location's image: the tag itself in a registry
   * repository; in an OCI layout, whose names are whole references, {@code REPOSITORY:tag}.
   */
  default String attachmentReference(String tag) {
    return tag;
  }

  /** Whether {@code reference} is a digest (layout names may contain {@code :} too). */
  static boolean isDigest(String reference) {
    try {
      Digest.parse(reference);
      return true;
    } catch (dev.relocator.image.InvalidReferenceException notADigest) {
      return false;
    }
  }
}
