package dev.relocator.rewrite;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.vector.ImageSource;
import dev.relocator.vector.ImageVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an {@code IMAGEVECTOR_OVERWRITE} vector that relocates every entry of a base vector.
 * Each overwrite entry repeats its base entry's merge key exactly (name, runtimeVersion,
 * targetVersion, version, architectures), so Gardener's merge replaces that entry in place
 * instead of appending one that a find may never pick.
 */
public final class VectorRelocator {
  private static final String DIGEST_PREFIX = "sha256:";

  private VectorRelocator() {}

  /**
   * The overwrite vector and findings.
   *
   * @param overwrite entries for every base entry a rule changes, in base order
   * @param diagnostics entries left out, with why
   */
  public record Result(ImageVector overwrite, List<Diagnostic> diagnostics) {
    public Result {
      Objects.requireNonNull(overwrite, "overwrite");
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Relocates {@code base} with {@code rules}. Entries without a tag take {@code v<target
   * version>} at find time, so only their repository is rewritten; rules that need a tag
   * (exact rules with a tagged {@code from}) cannot match them.
   */
  public static Result relocate(ImageVector base, RewriteRules rules) {
    List<ImageSource> out = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Set<List<Object>> keys = new HashSet<>();
    for (ImageSource entry : base.entries()) {
      if (!keys.add(key(entry))) {
        // Gardener's merge only ever reaches the first entry with a key.
        continue;
      }
      String where = entry.origin().source();
      int line = entry.origin().line();
      String path = entry.origin().path();
      ImageReference ref;
      try {
        ref = reference(entry);
      } catch (InvalidReferenceException e) {
        diagnostics.add(Diagnostic.warning(where, line, path, "image \"" + entry.name()
            + "\" left out: " + e.getMessage()));
        continue;
      }
      if (ref == null) {
        diagnostics.add(Diagnostic.warning(where, line, path, "image \"" + entry.name()
            + "\" left out: it has neither repository nor ref"));
        continue;
      }
      ImageReference relocated = rules.apply(ref);
      if (relocated.equals(ref)) {
        continue;
      }
      ImageSource.Builder overwrite = entry.overwrite();
      if (entry.ref() != null) {
        overwrite.ref(relocated.toString());
      } else {
        String tag = tagOf(relocated);
        if (tag == null && entry.tag() != null) {
          diagnostics.add(Diagnostic.warning(where, line, path, "image \"" + entry.name()
              + "\" left out: " + relocated + " has no tag or digest, and an overwrite cannot remove one"));
          continue;
        }
        overwrite.repository(relocated.name()).tag(tag);
      }
      out.add(overwrite.build());
    }
    return new Result(ImageVector.of(out), diagnostics);
  }

  /** The entry's image as a reference: its ref, or repository with its tag or digest. */
  static ImageReference reference(ImageSource entry) {
    if (entry.ref() != null) {
      return ImageReference.parse(entry.ref());
    }
    if (entry.repository() == null) {
      return null;
    }
    String tag = entry.tag();
    if (tag == null) {
      return ImageReference.parse(entry.repository());
    }
    return ImageReference.parse(entry.repository() + (tag.startsWith(DIGEST_PREFIX) ? "@" : ":") + tag);
  }

  /** The vector's tag syntax: {@code tag}, {@code sha256:…}, or {@code tag@sha256:…}. */
  static String tagOf(ImageReference ref) {
    String tag = ref.tag().orElse(null);
    String digest = ref.digest().map(Object::toString).orElse(null);
    if (tag != null && digest != null) {
      return tag + "@" + digest;
    }
    return tag != null ? tag : digest;
  }

  private static List<Object> key(ImageSource e) {
    return java.util.Arrays.asList(e.name(), e.runtimeVersion(), e.targetVersion(),
        e.versionConstraint(), e.architectures());
  }
}
