package dev.relocator.registry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds OCI image layouts for tests, independently of the production layout code: layers are
 * real uncompressed tars of one file of seeded pseudo-random bytes (so a 50 MB layer is
 * generated, never stored), configs, image manifests and multi-platform indexes.
 */
public final class OciImageBuilder {
  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";

  /** A content descriptor of something written to the layout. */
  public record Blob(String mediaType, String digest, long size) {}

  /** An image manifest with what it references, and its platform ({@code variant} may be null). */
  public record Image(Blob manifest, Blob config, List<Blob> layers, String os, String architecture, String variant) {
    public long totalSize() {
      return manifest.size() + config.size() + layers.stream().mapToLong(Blob::size).sum();
    }
  }

  /** An index with its child images. */
  public record Index(Blob index, List<Image> images) {}

  private final Path dir;
  private final Map<String, Blob> tags = new LinkedHashMap<>();

  private OciImageBuilder(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OciImageBuilder create(Path dir) {
    return new OciImageBuilder(dir);
  }

  public Path dir() {
    return dir;
  }

  /** A tar layer holding one file {@code name} of {@code size} bytes drawn from {@code seed}. */
  public Blob layer(String name, long size, long seed) {
    try {
      Path temp = Files.createTempFile(dir, "layer", ".tmp");
      MessageDigest sha = sha256();
      long total;
      try (OutputStream file = Files.newOutputStream(temp);
          DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), sha)) {
        out.write(tarHeader(name, size));
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 16];
        long left = size;
        while (left > 0) {
          for (int i = 0; i < chunk.length; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
              chunk[i + b] = (byte) (v >>> (8 * b));
            }
          }
          int n = (int) Math.min(chunk.length, left);
          out.write(chunk, 0, n);
          left -= n;
        }
        int pad = (int) ((512 - size % 512) % 512);
        out.write(new byte[pad + 1024]);
        total = 512 + size + pad + 1024;
      }
      String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
      Files.move(temp, blobPath(digest), StandardCopyOption.REPLACE_EXISTING);
      return new Blob(LAYER, digest, total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image for {@code os/architecture} over {@code layers}, in order. */
  public Image image(String os, String architecture, Blob... layers) {
    return image(os, architecture, null, layers);
  }

  /** An image for {@code os/architecture/variant} over {@code layers}, in order. */
  public Image image(String os, String architecture, String variant, Blob... layers) {
    StringBuilder diffIds = new StringBuilder();
    for (Blob layer : layers) {
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(layer.digest()).append('"');
    }
    Blob config = json(CONFIG,
        "{\"architecture\":\"" + architecture + "\",\"os\":\"" + os
            + (variant == null ? "" : "\",\"variant\":\"" + variant)
            + "\",\"config\":{\"Env\":[\"PATH=/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + diffIds + "]}}");
    StringBuilder layerJson = new StringBuilder();
    for (Blob layer : layers) {
      layerJson.append(layerJson.length() == 0 ? "" : ",").append(descriptor(layer, null, null));
    }
    Blob manifest = json(MANIFEST,
        "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":" + descriptor(config, null, null)
            + ",\"layers\":[" + layerJson + "]}");
    return new Image(manifest, config, List.of(layers), os, architecture, variant);
  }

  /** An index over {@code images}, each listed with its platform. */
  public Index index(Image... images) {
    StringBuilder entries = new StringBuilder();
    for (Image image : images) {
      entries.append(entries.length() == 0 ? "" : ",")
          .append(entry(image));
    }
    Blob index = json(INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + entries + "]}");
    return new Index(index, List.of(images));
  }

  /** An index over {@code entries} (from {@link #entry}), which may name other indexes. */
  public Blob indexOf(String... entries) {
    return json(INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}");
  }

  /** The index entry of {@code image}, with its platform. */
  public static String entry(Image image) {
    String platform = ",\"platform\":{\"architecture\":\"" + image.architecture() + "\",\"os\":\"" + image.os() + "\""
        + (image.variant() == null ? "" : ",\"variant\":\"" + image.variant() + "\"") + "}";
    Blob blob = image.manifest();
    return "{\"mediaType\":\"" + blob.mediaType() + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.size()
        + platform + "}";
  }

  /** The index entry of {@code blob} (e.g. a nested index), without a platform. */
  public static String entry(Blob blob) {
    return descriptor(blob, null, null);
  }

  /** Stores any JSON document (e.g. a manifest of a kind the builder does not make) as a blob. */
  public Blob document(String mediaType, String json) {
    return json(mediaType, json);
  }

  /** Names {@code blob} {@code refName} in the layout's {@code index.json}. */
  public OciImageBuilder tag(String refName, Blob blob) {
    tags.put(refName, blob);
    writeIndex();
    return this;
  }

  public Path blobPath(String digest) {
    return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private void writeIndex() {
    List<String> entries = new ArrayList<>();
    tags.forEach((name, blob) -> entries.add(
        "{\"mediaType\":\"" + blob.mediaType() + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.size()
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + name + "\"}}"));
    try {
      Files.writeString(dir.resolve("index.json"),
          "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Blob json(String mediaType, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    try {
      Files.write(blobPath(digest), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Blob(mediaType, digest, bytes.length);
  }

  private static String descriptor(Blob blob, String os, String architecture) {
    String platform = os == null ? "" : ",\"platform\":{\"architecture\":\"" + architecture + "\",\"os\":\"" + os + "\"}";
    return "{\"mediaType\":\"" + blob.mediaType() + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.size() + platform + "}";
  }

  private static byte[] tarHeader(String name, long size) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, "00000000000");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    return header;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
