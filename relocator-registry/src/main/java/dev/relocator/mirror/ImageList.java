package dev.relocator.mirror;

import dev.relocator.RelocatorException;
import dev.relocator.TextFiles;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

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
      throw new RelocatorException(wrongKindOfFile(lines, source, errors.size())
          .orElseGet(() -> RelocatorException.oneLine(errors)));
    }
    return new ArrayList<>(images);
  }

  /**
   * When the first line that is not a comment starts another input Relocator reads (an image
   * vector, Kubernetes YAML), says which and where it goes, instead of listing every line as a
   * broken reference.
   */
  private static Optional<String> wrongKindOfFile(String[] lines, String source, int invalid) {
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String kind;
      String option;
      if (line.equals("images:")) {
        kind = "an image vector";
        option = "--vector";
      } else if (line.equals("---") || line.startsWith("apiVersion:") || line.startsWith("kind:")) {
        kind = "Kubernetes YAML";
        option = "--manifests";
      } else {
        return Optional.empty();
      }
      return Optional.of(source + ":" + (i + 1) + ": \"" + line + "\" starts " + kind + ", not a list of image"
          + " references (one per line; " + invalid + " lines are not references): give the file with " + option);
    }
    return Optional.empty();
  }

  public static List<ImageReference> read(Path file) {
    return parse(TextFiles.read(file), file.toString());
  }
}
