package dev.relocator.imagebuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Joins single-platform OCI archives (as Jib writes them) into one OCI image layout whose
 * {@code index.json} names one image index, covering every platform, by the annotation
 * {@code org.opencontainers.image.ref.name}. The JSON is written compact, with keys in a fixed order,
 * so the same inputs give the same index digest.
 */
final class LayoutWriter {
  static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One platform's archive. */
  record PlatformArchive(String architecture, Path tar) {}

  private LayoutWriter() {}

  /**
   * Writes the layout into the empty directory {@code out} and returns the index's digest.
   *
   * @param refName the name index.json gives the index
   * @param annotations the index's own annotations
   */
  static String write(Path out, List<PlatformArchive> archives, String refName, Map<String, String> annotations)
      throws IOException {
    Path blobs = Files.createDirectories(out.resolve("blobs/sha256"));
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX_MEDIA_TYPE);
    ArrayNode manifests = index.putArray("manifests");
    for (PlatformArchive archive : archives) {
      JsonNode manifest = copyBlobs(archive.tar(), blobs);
      ObjectNode entry = manifests.addObject();
      entry.put("mediaType", manifest.path("mediaType").asText(MANIFEST_MEDIA_TYPE));
      entry.put("digest", manifest.path("digest").asText());
      entry.put("size", manifest.path("size").asLong());
      ObjectNode platform = entry.putObject("platform");
      platform.put("architecture", archive.architecture());
      platform.put("os", "linux");
    }
    ObjectNode indexAnnotations = index.putObject("annotations");
    annotations.forEach(indexAnnotations::put);

    byte[] indexBytes = JSON.writeValueAsBytes(index);
    String digest = "sha256:" + sha256(indexBytes);
    Files.write(blobs.resolve(digest.substring("sha256:".length())), indexBytes);

    ObjectNode top = JSON.createObjectNode();
    top.put("schemaVersion", 2);
    top.put("mediaType", INDEX_MEDIA_TYPE);
    ObjectNode named = top.putArray("manifests").addObject();
    named.put("mediaType", INDEX_MEDIA_TYPE);
    named.put("digest", digest);
    named.put("size", indexBytes.length);
    named.putObject("annotations").put(PlatformImage.Annotations.REF_NAME, refName);
    Files.write(out.resolve("index.json"), JSON.writeValueAsBytes(top));
    Files.writeString(out.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return digest;
  }

  /** Copies the archive's blobs into {@code blobs} and returns the descriptor of its one manifest. */
  private static JsonNode copyBlobs(Path tar, Path blobs) throws IOException {
    JsonNode archiveIndex = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (name.equals("index.json")) {
          archiveIndex = JSON.readTree(in.readAllBytes());
        } else if (name.startsWith("blobs/sha256/") && entry.isFile()) {
          copyVerified(in, blobs.resolve(name.substring("blobs/sha256/".length())), tar);
        }
      }
    }
    if (archiveIndex == null || archiveIndex.path("manifests").size() != 1) {
      throw new IOException("the archive " + tar + " does not hold exactly one manifest in its index.json");
    }
    return archiveIndex.path("manifests").get(0);
  }

  /** Writes a blob under its name, checking that the name is its digest (two platforms share blobs). */
  private static void copyVerified(InputStream in, Path target, Path tar) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".blob", ".tmp");
    MessageDigest sha256 = newSha256();
    try (var out = Files.newOutputStream(tmp)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    String actual = HexFormat.of().formatHex(sha256.digest());
    if (!actual.equals(target.getFileName().toString())) {
      Files.delete(tmp);
      throw new IOException("blob " + target.getFileName() + " in " + tar + " has digest sha256:" + actual);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
