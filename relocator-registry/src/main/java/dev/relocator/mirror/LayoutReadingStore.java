package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.layout.LayoutReader;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The read side of a store over an OCI layout, a directory or a tar: images are found by name in
 * {@code index.json} or by digest, and a layout has no repository to mount blobs from.
 */
abstract class LayoutReadingStore implements ImageStore {
  private final LayoutReader reader;
  private final String scope;

  /**
   * {@code scope}: the repository part of this location's image name (see {@link #scope}), under
   * which attachment tags are named; null when unknown.
   */
  LayoutReadingStore(LayoutReader reader, String scope) {
    this.reader = reader;
    this.scope = scope;
  }

  /**
   * The repository part of a layout image name, to name attachments beside it: {@code x.io/app}
   * for {@code x.io/app:1.0}, {@code x.io/app@sha256:…} or {@code x.io/app}. A layout holds images
   * of many repositories, so a cosign tag is kept as {@code x.io/app:sha256-<hex>.sig}.
   */
  static String scope(String refName) {
    String name = refName;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  @Override
  public List<String> listTags() {
    if (scope == null) {
      return List.of();
    }
    String prefix = scope + ":";
    return reader.refNames().stream().filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
        .map(n -> n.substring(prefix.length())).toList();
  }

  @Override
  public String tagListKey() {
    return storageKey() + "/" + scope;
  }

  @Override
  public String attachmentReference(String tag) {
    return scope == null ? tag : scope + ":" + tag;
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
