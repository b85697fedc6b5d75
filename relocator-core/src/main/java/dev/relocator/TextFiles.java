package dev.relocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes the users' text files (vectors, rules, manifests) as UTF-8, turning every I/O
 * failure into a {@link RelocatorException} that names the file and the reason ({@link IoErrors}'
 * words): the JDK's own messages ({@code Input length = 1}, {@code Is a directory}) name neither.
 */
public final class TextFiles {
  private TextFiles() {}

  /** The whole content of {@code file}; throws {@link RelocatorException} saying why it cannot. */
  public static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new RelocatorException("cannot read " + file + ": it is a directory, not a file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      // Reading, it is the file that is missing (IoErrors cannot tell a file from a directory).
      throw new RelocatorException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new RelocatorException("cannot read " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Checks, before a command does its work, that {@code file} (null: not asked for) can be written
   * later, so a long copy never ends in "cannot write": the same words {@link #write} would use.
   */
  public static void requireWritable(Path file) {
    if (file == null) {
      return;
    }
    String problem = unwritable(file, false, false);
    if (problem != null) {
      throw new RelocatorException("cannot write " + file + ": " + problem);
    }
  }

  /**
   * Why {@code path} (a file, or when {@code directory} a directory) cannot be written, or null
   * when it can: it exists and is writable, or its parent is a writable directory; when {@code
   * makesDirectories}, as the writer makes missing directories, its nearest existing ancestor is.
   * The one check every command's outputs go through before work starts.
   */
  public static String unwritable(Path path, boolean directory, boolean makesDirectories) {
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      return Files.isDirectory(absolute) != directory ? (directory ? "it is not a directory" : "it is a directory")
          : Files.isWritable(absolute) ? null : "permission denied";
    }
    Path parent = absolute.getParent();
    if (!makesDirectories) {
      return parent == null || !Files.isDirectory(parent) ? "no such directory " + parent
          : Files.isWritable(parent) ? null : "permission denied in " + parent;
    }
    Path ancestor = parent;
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    return ancestor == null ? "no existing directory above it"
        : !Files.isDirectory(ancestor) ? ancestor + " is not a directory"
        : Files.isWritable(ancestor) ? null : "permission denied in " + ancestor;
  }

  /** Writes {@code text} to {@code file}, replacing it; throws {@link RelocatorException} saying why it cannot. */
  public static void write(Path file, String text) {
    if (Files.isDirectory(file)) {
      throw new RelocatorException("cannot write " + file + ": it is a directory");
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      Path parent = file.toAbsolutePath().getParent();
      // Writing, it is the directory that is missing.
      throw new RelocatorException("cannot write " + file + ": no such directory " + parent, e);
    } catch (IOException e) {
      throw new RelocatorException("cannot write " + file + ": " + IoErrors.reason(e), e);
    }
  }
}
