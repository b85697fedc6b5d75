package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

/**
 * Rewrites the container images of Kubernetes manifests in place: only the image scalars change,
 * every other byte (comments, key order, indentation, anchors, flow style, document separators,
 * line endings) stays as it was. New values keep the old scalar's quoting where that is safe.
 */
public final class ManifestRewriter {
  /** What a plain scalar may hold in block and flow context alike without changing meaning. */
  private static final Pattern SAFE_PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]*");

  private ManifestRewriter() {}

  /** Every image field of the workloads in {@code text}, in document order. */
  public static List<ManifestImage> images(String source, String text) {
    return ImageFields.locate(source, text).found().stream().map(ImageFields.Found::image).toList();
  }

  /** Rewrites every image field of {@code text} with {@code rules}. */
  public static ManifestRewrite rewrite(String source, String text, RewriteRules rules) {
    return rewrite(source, text, rules::apply);
  }

  /**
   * Rewrites every image field of {@code text} with {@code mapping}. A field changes only when
   * the mapped reference differs from the parsed one; it is then written in canonical form.
   * Fields that are not valid references are left alone and reported as warnings.
   */
  public static ManifestRewrite rewrite(String source, String text, UnaryOperator<ImageReference> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    ImageFields fields = ImageFields.locate(source, text);
    List<Diagnostic> diagnostics = new ArrayList<>(fields.diagnostics());
    List<ImageFields.Found> splices = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    List<ManifestRewrite.Change> changes = new ArrayList<>();
    for (ImageFields.Found found : fields.found()) {
      ManifestImage image = found.image();
      ImageReference ref;
      try {
        ref = ImageReference.parse(image.value());
      } catch (InvalidReferenceException e) {
        diagnostics.add(Diagnostic.warning(source, image.line(), image.field(),
            image.kind() + " image left as it is: " + e.getMessage()));
        continue;
      }
      ImageReference mapped = mapping.apply(ref);
      if (mapped.equals(ref)) {
        continue;
      }
      String value = mapped.toString();
      changes.add(new ManifestRewrite.Change(image, value));
      if (found.primary()) {
        splices.add(found);
        replacements.add(render(text, found, value));
      }
    }
    String out = splice(text, splices, replacements);
    verify(source, out, fields.found(), changes);
    diagnostics.sort(java.util.Comparator.comparingInt(Diagnostic::line));
    return new ManifestRewrite(out, changes, diagnostics);
  }

  /**
   * Reads the result back: the same fields must hold the new values. A mismatch would be a bug
   * in quoting or splicing, and writing a corrupt manifest is worse than failing.
   */
  private static void verify(String source, String out, List<ImageFields.Found> before,
      List<ManifestRewrite.Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    java.util.Map<String, String> expected = new java.util.HashMap<>();
    for (ImageFields.Found found : before) {
      expected.put(found.image().document() + " " + found.image().field(), found.image().value());
    }
    for (ManifestRewrite.Change change : changes) {
      expected.put(change.image().document() + " " + change.image().field(), change.newValue());
    }
    List<ImageFields.Found> after = ImageFields.locate(source, out).found();
    for (ImageFields.Found found : after) {
      String key = found.image().document() + " " + found.image().field();
      if (!found.image().value().equals(expected.remove(key))) {
        throw new IllegalStateException("rewriting " + source + " would corrupt " + found.image().where()
            + ": it reads back as \"" + found.image().value() + "\"");
      }
    }
    if (!expected.isEmpty()) {
      throw new IllegalStateException("rewriting " + source + " would lose image fields " + expected.keySet());
    }
  }

  /** Replaces each splice's range, back to front so earlier indexes stay valid. */
  private static String splice(String text, List<ImageFields.Found> splices, List<String> replacements) {
    if (splices.isEmpty()) {
      return text;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < splices.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> splices.get(i).start()).reversed());
    StringBuilder out = new StringBuilder(text);
    for (int i : order) {
      ImageFields.Found found = splices.get(i);
      out.replace(found.start(), found.end(), replacements.get(i));
    }
    return out.toString();
  }

  /** The new token text for {@code value} in place of {@code found}, in its style if possible. */
  static String render(String text, ImageFields.Found found, String value) {
    ScalarStyle style = found.style();
    if (style == ScalarStyle.PLAIN) {
      return SAFE_PLAIN.matcher(value).matches() ? value : singleQuoted(value);
    }
    if (style == ScalarStyle.SINGLE_QUOTED) {
      return singleQuoted(value);
    }
    if (style == ScalarStyle.DOUBLE_QUOTED) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return blockScalar(text, found, value);
  }

  private static String singleQuoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * A literal or folded scalar keeps its header, indentation and trailing line breaks; only the
   * content between its first and last non-blank characters is replaced.
   */
  private static String blockScalar(String text, ImageFields.Found found, String value) {
    String token = text.substring(found.start(), found.end());
    int headerEnd = token.indexOf('\n');
    if (headerEnd < 0 || !SAFE_PLAIN.matcher(value).matches()) {
      return "\"" + value + "\"";
    }
    int first = headerEnd + 1;
    while (first < token.length() && Character.isWhitespace(token.charAt(first))) {
      first++;
    }
    int last = token.length();
    while (last > first && Character.isWhitespace(token.charAt(last - 1))) {
      last--;
    }
    if (first >= last) {
      return "\"" + value + "\"";
    }
    return token.substring(0, first) + value + token.substring(last);
  }
}
