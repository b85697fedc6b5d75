package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedTreeTest {
  @TempDir Path root;

  @Test
  void absoluteLinkResolvesInsideTheStagedRootNotOnTheBuildMachine() throws IOException {
    Path lib = Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
    Files.writeString(lib.resolve("ld-linux-x86-64.so.2"), "loader");
    Files.createDirectories(root.resolve("lib64"));
    Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"), Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));

    assertThat(StagedTree.entries(root, "/"))
        .filteredOn(e -> e.imagePath().equals("/lib64/ld-linux-x86-64.so.2")).singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo(lib.resolve("ld-linux-x86-64.so.2")));
  }

  @Test
  void relativeLinkIsStoredAsACopyOfItsTarget() throws IOException {
    Path lib = Files.createDirectories(root.resolve("usr/lib"));
    Files.writeString(lib.resolve("libz.so.1.2.13"), "zlib");
    Files.createSymbolicLink(lib.resolve("libz.so.1"), Path.of("libz.so.1.2.13"));

    assertThat(StagedTree.entries(root, "/usr/lib/jvm/java-17"))
        .extracting(StagedTree.Entry::imagePath, e -> e.source().getFileName().toString())
        .contains(org.assertj.core.groups.Tuple.tuple("/usr/lib/jvm/java-17/usr/lib/libz.so.1", "libz.so.1.2.13"));
  }

  @Test
  void linkLeavingTheRootFailsWithItsPath() throws IOException {
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../etc/passwd"));

    assertThatThrownBy(() -> StagedTree.entries(root, "/"))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(root.resolve("escape") + " links outside the staged root " + root + " (to ../../../etc/passwd)");
  }

  @Test
  void danglingLinkFails() throws IOException {
    Files.createSymbolicLink(root.resolve("gone"), Path.of("/nowhere"));

    assertThatThrownBy(() -> StagedTree.entries(root, "/")).hasRootCauseMessage(
        root.resolve("gone") + " is a dangling link in the staged root " + root + " (to " + root.resolve("nowhere") + ")");
  }

  @Test
  void modesAreExecutableOrNotAndPathsSorted() throws IOException {
    Files.createDirectories(root.resolve("bin"));
    Files.writeString(root.resolve("bin/java"), "elf");
    Files.setPosixFilePermissions(root.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(root.resolve("release"), "JAVA_VERSION=17");
    Files.setPosixFilePermissions(root.resolve("release"), PosixFilePermissions.fromString("rw-------"));

    assertThat(StagedTree.entries(root, "/opt"))
        .extracting(StagedTree.Entry::imagePath, StagedTree.Entry::directory, StagedTree.Entry::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/opt/bin", true, "755"),
            org.assertj.core.groups.Tuple.tuple("/opt/bin/java", false, "755"),
            org.assertj.core.groups.Tuple.tuple("/opt/release", false, "644"));
  }

  @Test
  void linkToADirectoryIsRefusedAsJibCannotHoldIt() throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));

    assertThatThrownBy(() -> StagedTree.entries(root, "/"))
        .hasMessageContaining("lib links to a directory");
  }
}
