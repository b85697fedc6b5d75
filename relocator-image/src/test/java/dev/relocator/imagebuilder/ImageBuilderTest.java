package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole builder on small stand-ins for the Debian base, the runtimes and the jars: Jib, offline. */
class ImageBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATED = "1767225600"; // 2026-01-01T00:00:00Z

  @TempDir Path dir;
  private List<String> args;

  @BeforeEach
  void stageInputs() throws IOException {
    args = new ArrayList<>(List.of("--version", "1.2.3-SNAPSHOT", "--revision", "0123abc", "--source",
        "https://git.example.invalid/relocator.git", "--created", CREATED,
        "--main-jar", jar("relocator-cli-1.2.3-SNAPSHOT.jar").toString(),
        "--class-path", Files.writeString(dir.resolve("cp.txt"), jar("relocator-core-1.2.3-SNAPSHOT.jar") + ":"
            + jar("lib-a-1.0.jar")).toString()));
    for (String arch : List.of("amd64", "arm64")) {
      Path base = Files.createDirectories(dir.resolve("base-" + arch + "/lib"));
      Files.writeString(base.resolve("libc.so.6"), "libc for " + arch);
      Path runtime = Files.createDirectories(dir.resolve("runtime-" + arch + "/bin"));
      Files.writeString(runtime.resolve("java"), "launcher for " + arch);
      Files.setPosixFilePermissions(runtime.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
      args.addAll(List.of("--platform", arch + "=" + base.getParent() + "," + runtime.getParent()));
    }
  }

  @Test
  void sameInputsGiveTheSameIndexDigestNamedByTheVersion() throws IOException {
    String first = build("out-1");
    String second = build("out-2");

    assertThat(second).isEqualTo(first).matches("sha256:[0-9a-f]{64}");
    assertThat(Files.readAllBytes(dir.resolve("out-2/index.json"))).isEqualTo(Files.readAllBytes(dir.resolve("out-1/index.json")));
    JsonNode top = JSON.readTree(dir.resolve("out-1/index.json").toFile());
    assertThat(top.path("manifests")).hasSize(1);
    assertThat(top.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("1.2.3-SNAPSHOT");
    JsonNode index = blob("out-1", first);
    assertThat(index.path("manifests")).extracting(m -> m.at("/platform/architecture").asText())
        .containsExactly("amd64", "arm64");
    assertThat(index.path("annotations").toString()).isEqualTo("{\"org.opencontainers.image.title\":\"relocator\","
        + "\"org.opencontainers.image.version\":\"1.2.3-SNAPSHOT\",\"org.opencontainers.image.revision\":\"0123abc\","
        + "\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\","
        + "\"org.opencontainers.image.source\":\"https://git.example.invalid/relocator.git\"}");
  }

  @Test
  void eachPlatformRunsTheCommandAsTheNonRootUserFromFourLayers() throws IOException {
    String digest = build("out");
    for (JsonNode entry : blob("out", digest).path("manifests")) {
      String arch = entry.at("/platform/architecture").asText();
      JsonNode manifest = blob("out", entry.path("digest").asText());
      JsonNode config = blob("out", manifest.at("/config/digest").asText());
      assertThat(config.path("architecture").asText()).isEqualTo(arch);
      assertThat(config.path("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
      assertThat(config.at("/config/Entrypoint").toString())
          .isEqualTo("[\"/usr/lib/jvm/java-17/bin/relocator\",\"@/usr/lib/relocator/relocator.args\"]");
      assertThat(config.at("/config/Env").toString()).contains("LANG=C.UTF-8");
      assertThat(manifest.path("layers")).hasSize(4);

      List<String> runtime = files("out", manifest.at("/layers/1/digest").asText());
      assertThat(runtime).contains("usr/lib/jvm/java-17/bin/java", "usr/lib/jvm/java-17/bin/relocator");
      String args = text("out", manifest.at("/layers/3/digest").asText(), "usr/lib/relocator/relocator.args");
      assertThat(args).endsWith("-cp\n/usr/lib/relocator/lib/relocator-cli-1.2.3-SNAPSHOT.jar:"
          + "/usr/lib/relocator/lib/relocator-core-1.2.3-SNAPSHOT.jar:/usr/lib/relocator/lib/lib-a-1.0.jar\n"
          + "dev.relocator.cli.Main\n");
      assertThat(files("out", manifest.at("/layers/2/digest").asText())).contains("usr/lib/relocator/lib/lib-a-1.0.jar");
    }
  }

  @Test
  void wrongCommandLineExitsTwoAndAFailedBuildOne() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(ImageBuilder.run(new String[] {"--version", "1"}, System.out, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("build-image: --out is required\nusage: ImageBuilder");

    err.reset();
    assertThat(ImageBuilder.run(new String[] {"--platform", "s390x=/a,/b"}, System.out, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("build-image: --platform \"s390x=/a,/b\": architecture s390x is not amd64 or arm64");

    err.reset();
    Path occupied = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "mine");
    List<String> toOccupied = new ArrayList<>(args);
    toOccupied.addAll(List.of("--out", occupied.toString()));
    assertThat(ImageBuilder.run(toOccupied.toArray(String[]::new), System.out, errStream)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("build-image: the output directory " + occupied + " exists and is not empty\n");
  }

  private String build(String out) throws IOException {
    List<String> command = new ArrayList<>(args);
    command.addAll(List.of("--out", dir.resolve(out).toString()));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = ImageBuilder.run(command.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    return stdout.toString(StandardCharsets.UTF_8).strip();
  }

  private JsonNode blob(String out, String digest) throws IOException {
    return JSON.readTree(dir.resolve(out).resolve("blobs/sha256").resolve(digest.substring(7)).toFile());
  }

  private List<String> files(String out, String layerDigest) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = layer(out, layerDigest)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName().replaceFirst("^/", ""));
      }
    }
    return names;
  }

  private String text(String out, String layerDigest, String name) throws IOException {
    try (TarArchiveInputStream tar = layer(out, layerDigest)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().replaceFirst("^/", "").equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name + " not in layer " + layerDigest);
  }

  private TarArchiveInputStream layer(String out, String digest) throws IOException {
    InputStream in = Files.newInputStream(dir.resolve(out).resolve("blobs/sha256").resolve(digest.substring(7)));
    return new TarArchiveInputStream(new GZIPInputStream(in));
  }

  private Path jar(String name) throws IOException {
    Path jar = dir.resolve("jars").resolve(name);
    Files.createDirectories(jar.getParent());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      ZipEntry entry = new ZipEntry("marker.txt");
      entry.setTime(0);
      zip.putNextEntry(entry);
      zip.write(name.getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }
}
