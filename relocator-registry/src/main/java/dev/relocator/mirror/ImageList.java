package dev.relocator.mirror;

import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An image list file ({@code --images}): one reference per line; blank lines and {@code #}
 * comments are skipped; duplicates are kept once, in first-seen order. Every invalid line is
 * reported at once.
 */
public final class ImageList {
  private ImageList() {}

  /** Parses {@code text} read from {@code source} (a file name, for messages). */
  public static List<ImageReference> parse(String text, String source) {
    LinkedHashSet<ImageReference> images = new LinkedHashSet<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String value = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (value.isEmpty()) {
        continue;
      }
      try {
        images.add(ImageReference.parse(value));
      } catch (InvalidReferenceException e) {
        errors.add(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new RelocatorException(RelocatorException.oneLine(errors));
    }
    return new ArrayList<>(images);
  }

  public static List<ImageReference> read(Path file) {
    return parse(TextFiles.read(file), file.toString());
  }
}
