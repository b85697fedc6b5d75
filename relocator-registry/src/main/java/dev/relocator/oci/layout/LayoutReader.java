package dev.relocator.oci.layout;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What a copy reads from an OCI layout, whether a directory ({@link OciLayout}) or a tar ({@link OciArchive}). */
public interface LayoutReader {
  /** Every name in {@code index.json}, in order. */
  List<String> refNames();

  /** The digests of {@code index.json}'s entries that have no name (other tools write such). */
  List<String> unnamedDigests();

  /** The descriptor named {@code refName} in {@code index.json}. */
  Optional<Descriptor> resolve(String refName);

  /** The descriptor named {@code refName}; a {@link LayoutNotFoundException} lists the names there are. */
  Descriptor require(String refName);

  /** The blob's size if the layout holds it. */
  OptionalLong blobSize(Digest digest);

  /** A stream over the blob that verifies its digest and size (-1 when unknown) at its end. */
  InputStream openBlob(Digest digest, long size);

  /** Like {@link #openBlob}, but checking only the size, for a copy into a store that verifies the digest itself. */
  InputStream openBlobForCopy(Digest digest, long size);

  /** Reads manifest {@code digest}, verifying its bytes. */
  Manifest readManifest(Digest digest);
}
