package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One platform of the built layout, unpacked by Debian's umoci into a runtime bundle: the root file
 * system and the process (entrypoint, user, environment) the image's config asks for.
 */
record UnpackedImage(Path rootfs, List<String> entrypoint, int uid, int gid) {
  static final Path UMOCI = Path.of("/usr/bin/umoci");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Unpacks the manifest {@code manifestDigest} of the layout {@code layout} into {@code bundle}. umoci
   * unpacks a manifest, not an index of several, so it reads a view of the layout whose index.json
   * names that manifest alone (the blobs are the layout's own).
   */
  static UnpackedImage unpack(Path layout, String manifestDigest, long size, Path work, String name)
      throws IOException, InterruptedException {
    Path view = Files.createDirectories(work.resolve("view-" + name));
    Files.createSymbolicLink(view.resolve("blobs"), layout.resolve("blobs").toAbsolutePath());
    Files.copy(layout.resolve("oci-layout"), view.resolve("oci-layout"));
    Files.writeString(view.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":" + size
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + name + "\"}}]}");
    Path bundle = work.resolve("bundle-" + name);
    run(work, List.of(UMOCI.toString(), "unpack", "--image", view + ":" + name, bundle.toString()));
    JsonNode process = JSON.readTree(bundle.resolve("config.json").toFile()).path("process");
    List<String> args = new ArrayList<>();
    process.path("args").forEach(arg -> args.add(arg.asText()));
    Path rootfs = bundle.resolve("rootfs");
    // Mount points a runtime creates before it makes the root read-only.
    Files.createDirectories(rootfs.resolve("proc"));
    Files.createDirectories(rootfs.resolve("dev"));
    return new UnpackedImage(rootfs, args, process.path("user").path("uid").asInt(-1),
        process.path("user").path("gid").asInt(-1));
  }

  /** Every ELF file under the root, with its e_machine (62 x86-64, 183 AArch64). */
  List<ElfFile> elfFiles() throws IOException {
    List<ElfFile> elves = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(rootfs)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        byte[] header = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
          n = in.readNBytes(header, 0, header.length);
        }
        if (n == header.length && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') {
          // e_machine: two bytes at offset 18, little-endian (EI_DATA 1) in both architectures here.
          int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
          elves.add(new ElfFile(rootfs.relativize(file).toString(), machine));
        }
      }
    }
    return elves;
  }

  /** An ELF file of the image and its machine. */
  record ElfFile(String path, int machine) {}

  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
    return output;
  }
}
