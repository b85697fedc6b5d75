package dev.relocator.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.IoErrors;
import dev.relocator.image.Digest;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.DigestVerifyingInputStream;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.error.RegistryException;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * An OCI image layout packed in one tar file, as skopeo's {@code oci-archive:} reads and writes it
 * ({@code oci-layout}, {@code index.json} and {@code blobs/<alg>/<hex>} at the tar's root).
 *
 * <p>Reading indexes the tar's headers once and reads each blob in place, never unpacking the file.
 * Writing goes through a layout staged beside the file ({@link #stage}), which {@link #pack} then
 * streams into a temporary file renamed over {@code FILE}: the mirror engine writes blobs in
 * parallel, which a tar (one stream) cannot take, and the staged layout keeps the layout's
 * verified, resumable writes, so an interrupted run leaves no {@code FILE} that looks complete and
 * the next run copies only what is missing.
 */
public final class OciArchive implements LayoutReader {
  private final Path file;
  private final Map<String, Tar.Entry> entries;
  private final JsonNode index;

  private OciArchive(Path file, Map<String, Tar.Entry> entries, JsonNode index) {
    this.file = file;
    this.entries = entries;
    this.index = index;
  }

  /** Indexes the archive at {@code file}; a file that is missing, cut short or no OCI layout is an error saying so. */
  public static OciArchive open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw LayoutNotFoundException.notAnArchive(file, Files.isDirectory(file)
          ? "a directory, not a tar file (an OCI layout directory is oci:DIR)" : "no such file");
    }
    Map<String, Tar.Entry> entries;
    try {
      entries = Tar.index(file);
    } catch (IOException e) {
      throw new RegistryException("open OCI archive " + file + ": " + IoErrors.reason(e), e);
    }
    if (!entries.containsKey("oci-layout")) {
      throw LayoutNotFoundException.notAnArchive(file, "the tar holds no oci-layout file at its root");
    }
    Tar.Entry indexEntry = entries.get("index.json");
    if (indexEntry == null) {
      throw LayoutNotFoundException.notAnArchive(file, "the tar holds no index.json at its root");
    }
    try (InputStream in = slice(file, indexEntry)) {
      return new OciArchive(file, entries, JsonMappers.plain().readTree(in));
    } catch (IOException e) {
      throw new RegistryException("read index.json of OCI archive " + file + ": " + IoErrors.reason(e), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Every name in {@code index.json}, in order. */
  @Override
  public List<String> refNames() {
    return IndexJson.refNames(index);
  }

  @Override
  public List<String> unnamedDigests() {
    return IndexJson.unnamedDigests(index);
  }

  /** The descriptor named {@code refName} in {@code index.json}. */
  @Override
  public Optional<Descriptor> resolve(String refName) {
    return IndexJson.resolve(index, refName);
  }

  /** The descriptor named {@code refName}; a {@link LayoutNotFoundException} lists the names there are. */
  @Override
  public Descriptor require(String refName) {
    return resolve(refName).orElseThrow(() -> LayoutNotFoundException.notInArchive(file, "read image " + refName,
        "no such name in index.json (has " + refNames() + ")"));
  }

  /** The blob's size if the archive holds it. */
  @Override
  public OptionalLong blobSize(Digest digest) {
    Tar.Entry entry = entries.get(blobName(digest));
    return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.size());
  }

  /** A stream over the blob, read in place, that verifies its digest and size (-1 when unknown) at its end. */
  @Override
  public InputStream openBlob(Digest digest, long size) {
    return new DigestVerifyingInputStream(openRaw(digest), digest, size, "read blob " + digest + " from OCI archive " + file);
  }

  /** Like {@link #openBlob}, but checking only the size, for a copy into a store that verifies the digest itself. */
  @Override
  public InputStream openBlobForCopy(Digest digest, long size) {
    return DigestVerifyingInputStream.sizeOnly(openRaw(digest), digest, size,
        "read blob " + digest + " from OCI archive " + file);
  }

  /** Reads manifest {@code digest}, verifying its bytes. */
  @Override
  public Manifest readManifest(Digest digest) {
    String where = "read manifest " + digest + " from OCI archive " + file;
    try (InputStream in = openRaw(digest)) {
      Manifest manifest = Manifest.parse(in.readAllBytes(), null, where);
      if (!manifest.digest().equals(digest)) {
        throw new DigestMismatchException(where, digest, manifest.digest());
      }
      return manifest;
    } catch (IOException e) {
      throw new RegistryException(where + ": " + IoErrors.reason(e), e);
    }
  }

  private InputStream openRaw(Digest digest) {
    Tar.Entry entry = entries.get(blobName(digest));
    if (entry == null) {
      throw LayoutNotFoundException.notInArchive(file, "read blob " + digest, "no such blob");
    }
    try {
      return slice(file, entry);
    } catch (IOException e) {
      throw new RegistryException("read blob " + digest + " from OCI archive " + file + ": " + IoErrors.reason(e), e);
    }
  }

  private static String blobName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.encoded();
  }

  /** The directory where writes to the archive {@code file} are staged: {@code FILE.partial}. */
  public static Path stagingDir(Path file) {
    return file.resolveSibling(file.getFileName() + ".partial");
  }

  /**
   * The layout to write into for archive {@code file}: the staged one a cut run left, or a new one
   * holding what {@code file} holds already, so a run adds to an existing archive.
   */
  public static OciLayout stage(Path file) {
    Path staging = stagingDir(file);
    if (Files.isDirectory(staging) || !Files.exists(file)) {
      return OciLayout.openOrCreate(staging);
    }
    // Unpack into a side directory first: a cut unpack must not pass for a staged layout.
    Path unpacking = file.resolveSibling(file.getFileName() + ".unpacking");
    try {
      deleteTree(unpacking);
      OciArchive existing = open(file);
      OciLayout layout = OciLayout.openOrCreate(unpacking);
      for (Map.Entry<String, Tar.Entry> entry : existing.entries.entrySet()) {
        String[] parts = entry.getKey().split("/");
        if (parts.length == 3 && parts[0].equals("blobs")) {
          Digest digest = parseDigest(file, parts[1] + ":" + parts[2]);
          try (InputStream in = slice(file, entry.getValue())) {
            layout.writeBlob(digest, entry.getValue().size(), in);
          }
        }
      }
      for (String name : List.of("oci-layout", "index.json")) {
        try (InputStream in = slice(file, existing.entries.get(name))) {
          Files.copy(in, unpacking.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(unpacking, staging, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RegistryException("stage OCI archive " + file + " in " + staging + ": " + IoErrors.reason(e), e);
    }
    return OciLayout.open(staging);
  }

  private static Digest parseDigest(Path file, String text) {
    try {
      return Digest.parse(text);
    } catch (InvalidReferenceException e) {
      throw LayoutNotFoundException.notAnArchive(file, "blob " + text + " is not named by its digest");
    }
  }

  /**
   * Streams the layout {@code staged} into a temporary file beside {@code file}, renames it to
   * {@code file}, then deletes the staged layout. Blobs are written in name order with fixed
   * headers, so the same layout packs to the same bytes.
   */
  public static void pack(OciLayout staged, Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path temp = TempFiles.create(parent, "." + file.getFileName() + "-");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
          writeTar(staged.dir(), new Tar.Writer(out));
          out.flush();
          channel.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        TempFiles.done(temp);
      }
      deleteTree(staged.dir());
    } catch (IOException e) {
      throw new RegistryException("write OCI archive " + file + ": " + IoErrors.reason(e), e);
    }
  }

  private static void writeTar(Path dir, Tar.Writer tar) throws IOException {
    addFile(tar, dir, "oci-layout");
    addFile(tar, dir, "index.json");
    tar.directory("blobs");
    for (Path algorithm : sorted(dir.resolve("blobs"))) {
      if (!Files.isDirectory(algorithm)) {
        continue;
      }
      String prefix = "blobs/" + algorithm.getFileName();
      tar.directory(prefix);
      for (Path blob : sorted(algorithm)) {
        // Temporary files of writes in flight start with a dot; they are no blobs yet.
        if (Files.isRegularFile(blob) && !blob.getFileName().toString().startsWith(".")) {
          addFile(tar, dir, prefix + "/" + blob.getFileName());
        }
      }
    }
    tar.finish();
  }

  private static void addFile(Tar.Writer tar, Path dir, String name) throws IOException {
    Path path = dir.resolve(name);
    try (InputStream in = Files.newInputStream(path)) {
      tar.file(name, Files.size(path), in);
    }
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The entry's bytes, read in place with positional reads (so streams over one file never share a position). */
  private static InputStream slice(Path file, Tar.Entry entry) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new InputStream() {
      private long position = entry.offset();
      private final long end = entry.offset() + entry.size();

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
          return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
          throw new EOFException("archive ends at byte " + position + ", inside an entry that should end at " + end);
        }
        position += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
