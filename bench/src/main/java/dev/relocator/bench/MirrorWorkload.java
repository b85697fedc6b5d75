package dev.relocator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.layout.OciLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the mirror benchmark's images as an OCI layout, deterministically: {@code count}
 * two-platform indexes (linux/amd64, linux/arm64) over one shared base layer plus one layer per
 * platform, or one image with a single large layer. Names are {@code bench/app-N:1.0} (or
 * {@code bench/big:1.0}), ready for {@code relocator mirror --from oci:DIR --to REGISTRY}.
 *
 * <p>Usage: {@code MirrorWorkload DIR multi COUNT BASE_MIB LAYER_MIB} or {@code MirrorWorkload DIR big MIB}.
 */
public final class MirrorWorkload {
  private static final ObjectMapper JSON = new ObjectMapper();
  // gzip, as real images are: skopeo compresses uncompressed layers on push, which changes digests.
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final long MIB = 1024 * 1024;

  private final OciLayout layout;
  private final Path dir;

  private MirrorWorkload(Path dir) {
    this.dir = dir;
    this.layout = OciLayout.openOrCreate(dir);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: MirrorWorkload DIR multi COUNT BASE_MIB LAYER_MIB | DIR big MIB");
    }
    MirrorWorkload workload = new MirrorWorkload(Path.of(args[0]));
    if (args[1].equals("big")) {
      Descriptor layer = workload.layer(Long.parseLong(args[2]) * MIB, 1000);
      Manifest image = workload.image("amd64", layer);
      workload.layout.tag("bench/big:1.0", image.descriptor());
      return;
    }
    int count = Integer.parseInt(args[2]);
    Descriptor base = workload.layer(Long.parseLong(args[3]) * MIB, 1);
    long layerBytes = Long.parseLong(args[4]) * MIB;
    for (int i = 0; i < count; i++) {
      Manifest amd64 = workload.image("amd64", base, workload.layer(layerBytes, 100 + 2L * i));
      Manifest arm64 = workload.image("arm64", base, workload.layer(layerBytes, 101 + 2L * i));
      Manifest index = workload.index(amd64, arm64);
      workload.layout.tag("bench/app-" + i + ":1.0", index.descriptor());
    }
  }

  /** A layer: {@code size} seeded pseudo-random (incompressible) bytes in a stored gzip stream. */
  private Descriptor layer(long size, long seed) throws IOException {
    Path temp = Files.createTempFile(dir, "layer", ".tmp");
    MessageDigest compressed = Digest.sha256(new byte[0]).newMessageDigest();
    CountingOutputStream counted;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        DigestOutputStream hashed = new DigestOutputStream(file, compressed);
        CountingOutputStream counting = new CountingOutputStream(hashed);
        GZIPOutputStream gzip = new StoredGzip(counting)) {
      counted = counting;
      SplittableRandom random = new SplittableRandom(seed);
      byte[] chunk = new byte[1 << 16];
      for (long left = size; left > 0; ) {
        for (int i = 0; i < chunk.length; i += 8) {
          long v = random.nextLong();
          for (int b = 0; b < 8; b++) {
            chunk[i + b] = (byte) (v >>> (8 * b));
          }
        }
        int n = (int) Math.min(chunk.length, left);
        gzip.write(chunk, 0, n);
        left -= n;
      }
    }
    Digest digest = Digest.ofHash("sha256", compressed.digest());
    Path target = dir.resolve("blobs/sha256").resolve(digest.encoded());
    Files.createDirectories(target.getParent());
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    return Descriptor.of(LAYER, digest, counted.count);
  }

  /** gzip without compression: random bytes would not shrink, and stored blocks cost no CPU. */
  private static final class StoredGzip extends GZIPOutputStream {
    StoredGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.NO_COMPRESSION);
    }
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  private Manifest image(String architecture, Descriptor... layers) throws IOException {
    ObjectNode config = JSON.createObjectNode().put("architecture", architecture).put("os", "linux");
    ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    for (Descriptor layer : layers) {
      diffIds.add(layer.digest().toString());
    }
    Descriptor configBlob = json(config);
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptor(CONFIG, configBlob.digest(), configBlob.size()));
    ArrayNode layerArray = manifest.putArray("layers");
    for (Descriptor layer : layers) {
      layerArray.add(descriptor(LAYER, layer.digest(), layer.size()));
    }
    Manifest result = Manifest.parse(JSON.writeValueAsBytes(manifest), null, "bench");
    layout.writeManifest(result);
    return result;
  }

  private Manifest index(Manifest amd64, Manifest arm64) throws IOException {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (Object[] entry : new Object[][] {{amd64, "amd64"}, {arm64, "arm64"}}) {
      Manifest m = (Manifest) entry[0];
      ObjectNode d = descriptor(MediaTypes.OCI_MANIFEST, m.digest(), m.size());
      d.putObject("platform").put("architecture", (String) entry[1]).put("os", "linux");
      manifests.add(d);
    }
    Manifest result = Manifest.parse(JSON.writeValueAsBytes(index), null, "bench");
    layout.writeManifest(result);
    return result;
  }

  /** Stores a config blob and returns its descriptor. */
  private Descriptor json(ObjectNode config) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(config);
    Digest digest = Digest.sha256(bytes);
    layout.writeBlob(digest, bytes.length, new java.io.ByteArrayInputStream(bytes));
    return Descriptor.of(CONFIG, digest, bytes.length);
  }

  private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString()).put("size", size);
  }
}
