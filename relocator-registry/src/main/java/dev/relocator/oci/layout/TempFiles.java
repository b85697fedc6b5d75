package dev.relocator.oci.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files this JVM is writing into OCI layouts, each known from its creation until it
 * is moved into place or deleted. A JVM that exits mid-write (Ctrl-C, SIGTERM) runs its shutdown
 * hooks but not the {@code finally} blocks of the threads still writing, so without the hook here
 * a cut copy would leave partial blobs, up to a layer's size each, in the layout. A JVM killed
 * outright still leaves them; they are only clutter, since every write takes a fresh name.
 */
final class TempFiles {
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteOpen, "relocator-temp-files"));
    } catch (IllegalStateException exiting) {
      // First used while the JVM exits: the write this is for will not finish either.
    }
  }

  private TempFiles() {}

  /** A new empty file {@code PREFIX<random>.tmp} in {@code dir}, deleted at exit unless {@link #done} first. */
  static Path create(Path dir, String prefix) throws IOException {
    Path file = Files.createTempFile(dir, prefix, ".tmp");
    OPEN.add(file);
    return file;
  }

  /** Deletes {@code file} if it is still there (it was not moved into place), and forgets it. */
  static void done(Path file) throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      OPEN.remove(file);
    }
  }

  /** Deletes every file not yet {@link #done}; the shutdown hook's work, callable by tests. */
  static void deleteOpen() {
    for (Path file : OPEN) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException leftBehind) {
        // Exiting: nowhere to report it, and the file is only clutter.
      }
      OPEN.remove(file);
    }
  }
}
