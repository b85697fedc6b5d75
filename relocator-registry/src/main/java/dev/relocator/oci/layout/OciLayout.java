package dev.relocator.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.IoErrors;
import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.DigestVerifyingInputStream;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}):
 * blobs are written through a temporary file, verified, then moved into place, so a reader never
 * sees a partial blob; images are named by the {@code org.opencontainers.image.ref.name}
 * annotation in {@code index.json}.
 */
public final class OciLayout implements LayoutReader {
  /** The annotation that names an image in {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Path dir;
  private final Object indexLock = new Object();

  private OciLayout(Path dir) {
    this.dir = dir;
  }

  /** Opens an existing layout; throws {@link LayoutNotFoundException} if {@code dir} is not one. */
  public static OciLayout open(Path dir) {
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw LayoutNotFoundException.notALayout(dir);
    }
    return new OciLayout(dir);
  }

  /** Opens the layout at {@code dir}, creating an empty one if the directory holds none. */
  public static OciLayout openOrCreate(Path dir) {
    try {
      Files.createDirectories(dir.resolve("blobs"));
      if (!Files.exists(dir.resolve("oci-layout"))) {
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      }
      if (!Files.exists(dir.resolve("index.json"))) {
        Files.writeString(dir.resolve("index.json"),
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}");
      }
    } catch (IOException e) {
      throw new RegistryException("create OCI layout " + dir + ": " + IoErrors.reason(e), e);
    }
    return new OciLayout(dir);
  }

  public Path dir() {
    return dir;
  }

  Path blobPath(Digest digest) {
    return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
  }

  /** The blob's size if the layout holds it. */
  @Override
  public OptionalLong blobSize(Digest digest) {
    try {
      return OptionalLong.of(Files.size(blobPath(digest)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new RegistryException("read blob " + digest + " in OCI layout " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A stream over the blob that verifies its digest and size (-1 when unknown) at its end. */
  @Override
  public InputStream openBlob(Digest digest, long size) {
    return openBlob(digest, size, true);
  }

  /**
   * Like {@link #openBlob}, but checking only the size: for a copy into a store that verifies the
   * digest itself (see {@code RegistryClient.pullBlobForCopy}).
   */
  @Override
  public InputStream openBlobForCopy(Digest digest, long size) {
    return openBlob(digest, size, false);
  }

  private InputStream openBlob(Digest digest, long size, boolean hashed) {
    try {
      InputStream in = Files.newInputStream(blobPath(digest));
      String where = "read blob " + digest + " from OCI layout " + dir;
      return hashed ? new DigestVerifyingInputStream(in, digest, size, where)
          : DigestVerifyingInputStream.sizeOnly(in, digest, size, where);
    } catch (NoSuchFileException e) {
      throw LayoutNotFoundException.notIn(dir, "read blob " + digest, "no such blob");
    } catch (IOException e) {
      throw new RegistryException("read blob " + digest + " from OCI layout " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores the bytes of {@code in} as blob {@code digest}, keeping them only if they hash to it
   * (and have {@code size} bytes, unless -1); an existing blob is kept as is.
   */
  public void writeBlob(Digest digest, long size, InputStream in) throws IOException {
    Path target = blobPath(digest);
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    Path temp = TempFiles.create(target.getParent(), ".upload-");
    try {
      try (InputStream verified = new DigestVerifyingInputStream(in, digest, size, "write blob " + digest + " to OCI layout " + dir);
          OutputStream out = Files.newOutputStream(temp)) {
        verified.transferTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        // Another writer stored the same verified content first.
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      TempFiles.done(temp);
    }
  }

  /** Reads manifest {@code digest}, verifying its bytes. */
  @Override
  public Manifest readManifest(Digest digest) {
    String attempt = "read manifest " + digest;
    String where = attempt + " from OCI layout " + dir;
    try {
      byte[] bytes = Files.readAllBytes(blobPath(digest));
      Manifest manifest = Manifest.parse(bytes, null, where);
      if (!manifest.digest().equals(digest)) {
        throw new DigestMismatchException(where, digest, manifest.digest());
      }
      return manifest;
    } catch (NoSuchFileException e) {
      throw LayoutNotFoundException.notIn(dir, attempt, "no such blob");
    } catch (IOException e) {
      throw new RegistryException(where + ": " + e.getMessage(), e);
    }
  }

  /** Stores {@code manifest}'s exact bytes as a blob. */
  public void writeManifest(Manifest manifest) {
    try {
      writeBlob(manifest.digest(), manifest.size(), new java.io.ByteArrayInputStream(manifest.bytes()));
    } catch (IOException e) {
      throw new RegistryException("write manifest " + manifest.digest() + " to OCI layout " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The descriptor named {@code refName} in {@code index.json}. */
  @Override
  public Optional<Descriptor> resolve(String refName) {
    synchronized (indexLock) {
      return IndexJson.resolve(readIndex(), refName);
    }
  }

  /** The descriptor named {@code refName}; a {@link LayoutNotFoundException} lists the names there are. */
  @Override
  public Descriptor require(String refName) {
    return resolve(refName).orElseThrow(() -> LayoutNotFoundException.notIn(dir, "read image " + refName,
        "no such name in index.json (has " + refNames() + ")"));
  }

  /** Every name in {@code index.json}, in order. */
  @Override
  public List<String> refNames() {
    synchronized (indexLock) {
      return IndexJson.refNames(readIndex());
    }
  }

  @Override
  public List<String> unnamedDigests() {
    synchronized (indexLock) {
      return IndexJson.unnamedDigests(readIndex());
    }
  }

  /** Names {@code descriptor} {@code refName} in {@code index.json}, replacing an older entry. */
  public void tag(String refName, Descriptor descriptor) {
    synchronized (indexLock) {
      ObjectNode index = readIndex();
      ArrayNode manifests = index.withArray("manifests");
      for (int i = manifests.size() - 1; i >= 0; i--) {
        if (refName.equals(manifests.get(i).path("annotations").path(REF_NAME).asText(null))) {
          manifests.remove(i);
        }
      }
      ObjectNode entry = manifests.addObject();
      entry.put("mediaType", descriptor.mediaType());
      entry.put("digest", descriptor.digest().toString());
      entry.put("size", descriptor.size());
      entry.putObject("annotations").put(REF_NAME, refName);
      try {
        Path temp = TempFiles.create(dir, ".index-");
        try {
          Files.write(temp, JsonMappers.plain().writeValueAsBytes(index));
          Files.move(temp, dir.resolve("index.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          TempFiles.done(temp);
        }
      } catch (IOException e) {
        throw new RegistryException("name " + refName + " in OCI layout " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  private ObjectNode readIndex() {
    try {
      JsonNode node = JsonMappers.plain().readTree(dir.resolve("index.json").toFile());
      if (!(node instanceof ObjectNode object)) {
        throw RegistryRejectedException.invalid("read " + dir.resolve("index.json") + ": not a JSON object");
      }
      return object;
    } catch (IOException e) {
      throw new RegistryException("read " + dir.resolve("index.json") + ": " + e.getMessage(), e);
    }
  }
}
