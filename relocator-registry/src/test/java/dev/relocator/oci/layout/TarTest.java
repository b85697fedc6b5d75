package dev.relocator.oci.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarTest {
  @TempDir Path dir;

  private Path write(String... namesAndContents) throws IOException {
    Path file = dir.resolve("t.tar");
    try (OutputStream out = Files.newOutputStream(file)) {
      Tar.Writer tar = new Tar.Writer(out);
      tar.directory("blobs");
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] bytes = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        tar.file(namesAndContents[i], bytes.length, new ByteArrayInputStream(bytes));
      }
      tar.finish();
    }
    return file;
  }

  private static String content(Path file, Tar.Entry entry) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) entry.offset(), (int) entry.size(), StandardCharsets.UTF_8);
  }

  @Test
  void indexesTheFilesItWroteWithTheirOffsetsAndSizes() throws Exception {
    Path file = write("oci-layout", "{}", "blobs/sha256/abc", "x".repeat(1000));

    Map<String, Tar.Entry> entries = Tar.index(file);

    assertThat(entries).containsOnlyKeys("oci-layout", "blobs/sha256/abc");
    assertThat(content(file, entries.get("oci-layout"))).isEqualTo("{}");
    assertThat(content(file, entries.get("blobs/sha256/abc"))).isEqualTo("x".repeat(1000));
    // Headers, data padded to blocks, and the two-block end marker.
    assertThat(Files.size(file)).isEqualTo(512 + 512 + 512 + 512 + 1024 + 1024);
  }

  @Test
  void namesOver100BytesTravelInPaxRecordsAndLeadingDotSlashIsDropped() throws Exception {
    String longName = "blobs/sha512/" + "f".repeat(128);
    Path file = write(longName, "long", "./index.json", "{}");

    assertThat(Tar.index(file)).containsOnlyKeys(longName, "index.json");
    assertThat(content(file, Tar.index(file).get(longName))).isEqualTo("long");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pax", "gnu", "ustar"})
  void readsWhatGnuTarWritesWithItsDotSlashNames(String format) throws Exception {
    Path tar = Path.of("/usr/bin/tar");
    Assumptions.assumeTrue(Files.isExecutable(tar), "GNU tar is not installed");
    Path layout = Files.createDirectories(dir.resolve("layout/blobs/sha256"));
    // ustar holds names up to 100 bytes plus a 155-byte prefix; pax and gnu have no limit.
    String blob = format.equals("ustar") ? "b".repeat(64) : "b".repeat(120);
    Files.writeString(layout.resolve(blob), "blob");
    Files.writeString(dir.resolve("layout/index.json"), "{}");
    Path file = dir.resolve(format + ".tar");
    Process process = new ProcessBuilder(tar.toString(), "--format=" + format, "-cf", file.toString(), "-C",
        dir.resolve("layout").toString(), ".").redirectErrorStream(true).start();
    assertThat(process.waitFor()).as(new String(process.getInputStream().readAllBytes())).isZero();

    Map<String, Tar.Entry> entries = Tar.index(file);

    assertThat(entries).containsOnlyKeys("index.json", "blobs/sha256/" + blob);
    assertThat(content(file, entries.get("blobs/sha256/" + blob))).isEqualTo("blob");
  }

  @Test
  void writesTheSameBytesForTheSameEntries() throws Exception {
    byte[] first = Files.readAllBytes(write("a", "1", "b", "2"));
    byte[] second = Files.readAllBytes(write("a", "1", "b", "2"));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void anArchiveCutInsideAFileIsTruncated() throws Exception {
    Path file = write("oci-layout", "{}", "blobs/sha256/abc", "x".repeat(5000));
    truncate(file, 512 * 4 + 100);

    assertThatThrownBy(() -> Tar.index(file)).isInstanceOf(EOFException.class)
        .hasMessage("truncated at byte 2148: entry blobs/sha256/abc needs 5000 bytes from byte 2048");
  }

  @Test
  void anArchiveCutBetweenFilesLacksItsEndMarker() throws Exception {
    Path file = write("oci-layout", "{}");
    truncate(file, 512 * 3);

    assertThatThrownBy(() -> Tar.index(file)).isInstanceOf(EOFException.class)
        .hasMessage("truncated at byte 1536: no end-of-archive marker");
  }

  @Test
  void anArchiveCutInsideAHeaderSaysSo() throws Exception {
    Path file = write("oci-layout", "{}");
    truncate(file, 512 * 3 + 7);

    assertThatThrownBy(() -> Tar.index(file))
        .hasMessage("truncated at byte 1543: no end-of-archive marker (a header is cut short)");
  }

  @Test
  void aFileThatIsNoTarFailsTheHeaderChecksum() throws Exception {
    Path file = dir.resolve("not.tar");
    Files.write(file, "not a tar ".repeat(200).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> Tar.index(file)).hasMessage("bad tar header at byte 0: checksum mismatch (not a tar file?)")
        .isInstanceOf(IOException.class);
  }

  @Test
  void refusesAFileShorterOrLongerThanAnnounced() throws Exception {
    Tar.Writer tar = new Tar.Writer(OutputStream.nullOutputStream());

    assertThatThrownBy(() -> tar.file("a", 10, new ByteArrayInputStream(new byte[4])))
        .hasMessage("tar entry a: ended after 4 of 10 bytes");
    assertThatThrownBy(() -> tar.file("b", 2, new ByteArrayInputStream(new byte[4])))
        .hasMessage("tar entry b: longer than the 2 bytes announced");
  }

  private static void truncate(Path file, long size) throws IOException {
    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }
}
