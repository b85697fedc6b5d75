package dev.relocator.policy;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A policy's {@code exemptImages}: globs over the canonical reference. A glob matches an image
 * when it matches its canonical name ({@code docker.io/library/busybox}) or its canonical name
 * with tag and digest ({@code docker.io/library/busybox:1.36}); {@code *} and {@code ?} stay
 * within one path component, {@code **} crosses '/', as in the rules' selectors.
 */
public final class ImageGlobs {

  /** No exemptions. */
  public static final ImageGlobs NONE = new ImageGlobs(List.of(), List.of());

  private final List<String> globs;
  private final List<Pattern> patterns;

  private ImageGlobs(List<String> globs, List<Pattern> patterns) {
    this.globs = List.copyOf(globs);
    this.patterns = List.copyOf(patterns);
  }

  /** The globs of {@code texts}; throws {@link IllegalArgumentException} naming {@code field[i]}. */
  public static ImageGlobs parse(String field, List<String> texts) {
    if (texts == null || texts.isEmpty()) {
      return NONE;
    }
    List<Pattern> patterns = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String glob = texts.get(i);
      if (glob == null || glob.isBlank()) {
        throw new IllegalArgumentException(field + "[" + i + "]: must not be empty");
      }
      patterns.add(Selector.globPattern(glob.trim()));
    }
    return new ImageGlobs(texts, patterns);
  }

  /** Whether some glob matches {@code image}. */
  public boolean matches(ImageReference image) {
    if (patterns.isEmpty()) {
      return false;
    }
    String name = image.name();
    String full = image.toString();
    for (Pattern p : patterns) {
      if (p.matcher(name).matches() || p.matcher(full).matches()) {
        return true;
      }
    }
    return false;
  }

  public List<String> globs() {
    return globs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageGlobs g && globs.equals(g.globs);
  }

  @Override
  public int hashCode() {
    return globs.hashCode();
  }
}
