package dev.relocator.imagebuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a directory staged as an image's root (a base or a Java runtime), ready to be layered.
 *
 * <p>Jib writes no symbolic links: it stores what a link points to. Debian's packages link
 * absolutely ({@code /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...}), so a link is
 * resolved inside the staged root, never on the build machine, and stored as a copy of its target.
 * Modes are reduced to executable or not (0755/0644): what a package's umask left is not content.
 */
final class StagedTree {
  private static final int MAX_LINKS = 40;

  /** One file or directory of the tree: its path in the image, the file holding its content, its mode. */
  record Entry(String imagePath, Path source, boolean directory, String mode) {}

  private StagedTree() {}

  /** Every entry under {@code root}, placed under {@code imagePrefix} ("/" for the image root), sorted by path. */
  static List<Entry> entries(Path root, String imagePrefix) {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted().toList()) {
        if (path.equals(root)) {
          continue;
        }
        String relative = root.relativize(path).toString();
        Path content = resolveInside(root, path);
        boolean directory = Files.isDirectory(content, LinkOption.NOFOLLOW_LINKS);
        if (directory && Files.isSymbolicLink(path)) {
          throw new IllegalArgumentException("staged tree " + root + ": " + relative
              + " links to a directory, which an image layer built by Jib cannot hold");
        }
        entries.add(new Entry(join(imagePrefix, relative), content, directory, mode(content, directory)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the staged tree " + root, e);
    }
    return entries;
  }

  /** What {@code path} is once its links are followed with {@code root} as "/"; fails if that leaves the root. */
  static Path resolveInside(Path root, Path path) throws IOException {
    Path current = path;
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops == MAX_LINKS) {
        throw new IOException("too many levels of symbolic links at " + path);
      }
      Path target = Files.readSymbolicLink(current);
      current = target.isAbsolute()
          ? root.resolve(target.toString().substring(1)).normalize()
          : current.getParent().resolve(target).normalize();
      if (!current.startsWith(root)) {
        throw new IOException(path + " links outside the staged root " + root + " (to " + target + ")");
      }
    }
    if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(path + " is a dangling link in the staged root " + root + " (to " + current + ")");
    }
    return current;
  }

  private static String mode(Path content, boolean directory) throws IOException {
    if (directory) {
      return "755";
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(content);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? "755" : "644";
  }

  private static String join(String prefix, String relative) {
    return (prefix.endsWith("/") ? prefix : prefix + "/") + relative;
  }
}
