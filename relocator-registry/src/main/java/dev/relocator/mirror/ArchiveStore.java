package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.layout.OciArchive;
import java.util.Optional;

/**
 * An OCI archive read in place. Only ever a source: an archive is written through a staged
 * {@link LayoutStore} that {@link ImageStores#finishArchives()} packs.
 */
final class ArchiveStore extends LayoutReadingStore {
  private final OciArchive archive;

  ArchiveStore(OciArchive archive, String scope) {
    super(archive, scope);
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
  public Optional<Digest> pushManifest(String reference, Manifest manifest) {
    throw readOnly();
  }

  @Override
  public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) {
    throw readOnly();
  }

  private IllegalStateException readOnly() {
    return new IllegalStateException(describe() + " is opened for reading; archives are written through a staged layout");
  }
}
