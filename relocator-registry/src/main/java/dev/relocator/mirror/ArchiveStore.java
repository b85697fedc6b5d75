package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.layout.OciArchive;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OCI archive read in place. Only ever a source: an archive is written through a staged
 * {@link LayoutStore} that {@link ImageStores#finishArchives()} packs.
 */
final class ArchiveStore implements ImageStore {
  private final OciArchive archive;

  ArchiveStore(OciArchive archive) {
    this.archive = archive;
  }

  @Override
  public String describe() {
    return ImageLocation.OCI_ARCHIVE_PREFIX + archive.file();
  }

  @Override
  public String storageKey() {
    return ImageLocation.OCI_ARCHIVE_PREFIX + archive.file().toAbsolutePath().normalize();
  }

  @Override
  public Optional<String> repository() {
    return Optional.empty();
  }

  @Override
  public Optional<Descriptor> checkManifest(String reference) {
    if (ImageStore.isDigest(reference)) {
      Digest digest = Digest.parse(reference);
      OptionalLong size = archive.blobSize(digest);
      return size.isPresent() ? Optional.of(Descriptor.of(null, digest, size.getAsLong())) : Optional.empty();
    }
    return archive.resolve(reference);
  }

  @Override
  public Manifest pullManifest(String reference) {
    if (ImageStore.isDigest(reference)) {
      return archive.readManifest(Digest.parse(reference));
    }
    return archive.readManifest(archive.require(reference).digest());
  }

  @Override
  public Optional<Digest> pushManifest(String reference, Manifest manifest) {
    throw readOnly();
  }

  @Override
  public InputStream pullBlob(Digest digest, long size) {
    return archive.openBlob(digest, size);
  }

  @Override
  public InputStream pullBlobForCopy(Digest digest, long size) {
    return archive.openBlobForCopy(digest, size);
  }

  @Override
  public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) {
    throw readOnly();
  }

  private IllegalStateException readOnly() {
    return new IllegalStateException(describe() + " is opened for reading; archives are written through a staged layout");
  }
}
