package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.layout.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An OCI layout: manifests and blobs in one directory, images named in {@code index.json}. */
final class LayoutStore extends LayoutReadingStore {
  private final OciLayout layout;
  private final String description;

  /**
   * A layout described as {@code description} (the archive a staged layout is packed into), for
   * the image whose repository is {@code scope} (see {@link LayoutReadingStore#scope}).
   */
  LayoutStore(OciLayout layout, String description, String scope) {
    super(layout, scope);
    this.layout = layout;
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String storageKey() {
    return "oci:" + layout.dir().toAbsolutePath().normalize();
  }

  @Override
  public Optional<Digest> pushManifest(String reference, Manifest manifest) {
    layout.writeManifest(manifest);
    if (!ImageStore.isDigest(reference)) {
      layout.tag(reference, manifest.descriptor());
    }
    return Optional.of(manifest.digest()); // written here, from the very bytes
  }

  /** A layout stores each blob once, for all its images: there is nothing to mount from. */
  @Override
  public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) throws IOException {
    if (layout.blobSize(digest).isPresent()) {
      return BlobOutcome.PRESENT;
    }
    try (InputStream in = content.open()) {
      layout.writeBlob(digest, content.size(), in);
    }
    return BlobOutcome.COPIED;
  }
}
