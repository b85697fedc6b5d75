package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.layout.LayoutReader;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The read side of a store over an OCI layout, a directory or a tar: images are found by name in
 * {@code index.json} or by digest, and a layout has no repository to mount blobs from.
 */
abstract class LayoutReadingStore implements ImageStore {
  private final LayoutReader reader;

  LayoutReadingStore(LayoutReader reader) {
    this.reader = reader;
  }

  @Override
  public Optional<String> repository() {
    return Optional.empty();
  }

  @Override
  public Optional<Descriptor> checkManifest(String reference) {
    if (ImageStore.isDigest(reference)) {
      Digest digest = Digest.parse(reference);
      OptionalLong size = reader.blobSize(digest);
      return size.isPresent() ? Optional.of(Descriptor.of(null, digest, size.getAsLong())) : Optional.empty();
    }
    return reader.resolve(reference);
  }

  @Override
  public Manifest pullManifest(String reference) {
    if (ImageStore.isDigest(reference)) {
      return reader.readManifest(Digest.parse(reference));
    }
    return reader.readManifest(reader.require(reference).digest());
  }

  @Override
  public InputStream pullBlob(Digest digest, long size) {
    return reader.openBlob(digest, size);
  }

  @Override
  public InputStream pullBlobForCopy(Digest digest, long size) {
    return reader.openBlobForCopy(digest, size);
  }
}
