package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import java.util.List;

/**
 * The result of rewriting the images of a manifest stream.
 *
 * @param text the rewritten text; identical to the input outside the changed image scalars
 * @param changes the image fields whose value changed, in document order
 * @param diagnostics image fields that could not be read as references, and similar findings
 */
public record ManifestRewrite(String text, List<Change> changes, List<Diagnostic> diagnostics) {

  public ManifestRewrite {
    changes = List.copyOf(changes);
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether any image changed. */
  public boolean changed() {
    return !changes.isEmpty();
  }

  /**
   * One changed image field.
   *
   * @param image the field and its old value
   * @param newValue the text written in its place, without quotes
   */
  public record Change(ManifestImage image, String newValue) {}
}
