package dev.relocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void readsUtf8Text() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "images: [] # é\n");
    assertThat(TextFiles.read(file)).isEqualTo("images: [] # é\n");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> TextFiles.read(file)).isInstanceOf(RelocatorException.class)
        .hasMessage("cannot read " + file + ": no such file");
  }

  @Test
  void aDirectoryIsNamed() {
    assertThatThrownBy(() -> TextFiles.read(dir)).hasMessage("cannot read " + dir + ": it is a directory, not a file");
  }

  @Test
  void bytesThatAreNotUtf8AreNamed() throws IOException {
    Path file = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'});
    assertThatThrownBy(() -> TextFiles.read(file)).hasMessage("cannot read " + file + ": not UTF-8 text");
  }

  @Test
  void writingIntoAMissingDirectorySaysWriteNotRead() {
    Path file = dir.resolve("no/such/out.yaml");
    assertThatThrownBy(() -> TextFiles.write(file, "x"))
        .hasMessage("cannot write " + file + ": no such directory " + file.toAbsolutePath().getParent());
  }

  @Test
  void writeReplacesTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("out.yaml"), "old");
    TextFiles.write(file, "new\n");
    assertThat(Files.readString(file)).isEqualTo("new\n");
  }

  @Test
  void requireWritableNamesWhatIsInTheWay() throws IOException {
    Path missingDir = dir.resolve("no/out.yaml");
    assertThatThrownBy(() -> TextFiles.requireWritable(missingDir))
        .hasMessage("cannot write " + missingDir + ": no such directory " + missingDir.toAbsolutePath().getParent());
    assertThatThrownBy(() -> TextFiles.requireWritable(dir)).hasMessage("cannot write " + dir + ": it is a directory");
    TextFiles.requireWritable(dir.resolve("out.yaml"));
    TextFiles.requireWritable(null);
  }

  @Test
  void anOutputWhoseDirectoriesAreMadeNeedsOnlyAWritableAncestor() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThat(TextFiles.unwritable(dir.resolve("a/b/out.yaml"), false, true)).isNull();
    assertThat(TextFiles.unwritable(dir.resolve("a/b/out.yaml"), false, false)).startsWith("no such directory ");
    assertThat(TextFiles.unwritable(file.resolve("out.yaml"), false, true)).isEqualTo(file + " is not a directory");
    assertThat(TextFiles.unwritable(file, true, true)).isEqualTo("it is not a directory");
    assertThat(TextFiles.unwritable(dir, true, true)).isNull();
  }
}
