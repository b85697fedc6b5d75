package dev.relocator.mirror;

import dev.relocator.Diagnostic;
import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.vector.FindOptions;
import dev.relocator.vector.Image;
import dev.relocator.vector.ImageNotFoundException;
import dev.relocator.vector.ImageSource;
import dev.relocator.vector.ImageVector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The images an image vector needs, for mirroring: with target versions, what Gardener's find
 * resolves each name to for each version; without, every entry that names its image completely.
 * Also builds the {@code IMAGEVECTOR_OVERWRITE} that points the vector at the mirrored copies,
 * pinned to the digests stored there.
 */
public final class VectorImages {
  private static final String DIGEST_PREFIX = "sha256:";

  private VectorImages() {}

  /** One image to mirror and the vector entry it came from. */
  public record Entry(ImageSource source, ImageReference image) {
    public Entry {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(image, "image");
    }
  }

  /**
   * The images, each once, with findings about entries that could not be used, and the names
   * that resolve to no entry for a requested target version and architecture (errors: vector
   * resolve fails on them too; a caller may choose to leave them out).
   */
  public record Selection(List<Entry> entries, List<Diagnostic> diagnostics, List<Diagnostic> unresolved) {
    public Selection {
      entries = List.copyOf(entries);
      diagnostics = List.copyOf(diagnostics);
      unresolved = List.copyOf(unresolved);
    }

    public Selection(List<Entry> entries, List<Diagnostic> diagnostics) {
      this(entries, diagnostics, List.of());
    }

    /** The distinct images, in vector order. */
    public List<ImageReference> images() {
      return entries.stream().map(Entry::image).distinct().toList();
    }
  }

  /**
   * What {@code vector} needs for each of {@code targetVersions} (every entry when empty),
   * found for {@code architecture} (null: any).
   */
  public static Selection select(ImageVector vector, List<String> targetVersions, String architecture) {
    List<Entry> entries = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<ImageSource, List<ImageReference>> seen = new IdentityHashMap<>();
    if (targetVersions.isEmpty()) {
      for (ImageSource source : vector.entries()) {
        Optional<ImageReference> image = reference(source, diagnostics);
        image.ifPresent(i -> add(entries, seen, source, i));
      }
      return new Selection(entries, diagnostics);
    }
    List<Diagnostic> unresolved = new ArrayList<>();
    for (String version : targetVersions) {
      for (String name : vector.names()) {
        FindOptions options = FindOptions.of(null, version, architecture);
        Optional<Image> found = vector.findOptional(name, options);
        if (found.isEmpty()) {
          unresolved.add(unresolved(vector, name, options));
          continue;
        }
        Image image = found.get();
        try {
          add(entries, seen, image.source(), ImageReference.parse(image.toString()));
        } catch (InvalidReferenceException e) {
          diagnostics.add(Diagnostic.warning(image.source().origin().source(), image.source().origin().line(),
              image.source().origin().path(), "image \"" + name + "\" for target version " + version
                  + " left out: " + e.getMessage()));
        }
      }
    }
    return new Selection(entries, diagnostics, unresolved);
  }

  /** Why {@code name} resolves to no entry, at the first entry of that name, as vector resolve says it. */
  private static Diagnostic unresolved(ImageVector vector, String name, FindOptions options) {
    String why;
    try {
      vector.find(name, options);
      why = "no entry of image \"" + name + "\" matches " + options;
    } catch (ImageNotFoundException e) {
      why = e.getMessage();
    }
    ImageSource first = vector.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    return Diagnostic.error(first.origin().source(), first.origin().line(), first.origin().path(), why);
  }

  private static void add(List<Entry> entries, Map<ImageSource, List<ImageReference>> seen, ImageSource source,
      ImageReference image) {
    List<ImageReference> known = seen.computeIfAbsent(source, s -> new ArrayList<>());
    if (!known.contains(image)) {
      known.add(image);
      entries.add(new Entry(source, image));
    }
  }

  /** The entry's complete image, or a warning saying why it has none. */
  private static Optional<ImageReference> reference(ImageSource source, List<Diagnostic> diagnostics) {
    String why;
    try {
      if (source.ref() != null) {
        return Optional.of(ImageReference.parse(source.ref()));
      }
      if (source.repository() == null) {
        why = "it has neither repository nor ref";
      } else if (source.tag() == null) {
        why = "its tag comes from the target version; give --target-version";
      } else {
        String tag = source.tag();
        return Optional.of(ImageReference.parse(source.repository() + (tag.startsWith(DIGEST_PREFIX) ? "@" : ":") + tag));
      }
    } catch (InvalidReferenceException e) {
      why = e.getMessage();
    }
    diagnostics.add(Diagnostic.warning(source.origin().source(), source.origin().line(), source.origin().path(),
        "image \"" + source.name() + "\" left out: " + why));
    return Optional.empty();
  }

  /**
   * An overwrite vector pointing each mirrored entry at its copy, pinned to the digest stored
   * there ({@code tag@sha256:…}); each entry repeats its base entry's merge key (name,
   * runtimeVersion, targetVersion, version, architectures) so it replaces that entry. An entry
   * whose tag comes from the target version gets the repository only: one digest cannot serve
   * every version its constraint admits.
   *
   * @param copied for each mirrored source image, the target it was stored at and the digest
   */
  public static ImageVector pinnedOverwrite(Selection selection, Map<ImageReference, Copy> copied,
      List<Diagnostic> diagnostics) {
    Map<ImageSource, ImageSource> out = new LinkedHashMap<>();
    for (Entry entry : selection.entries()) {
      Copy copy = copied.get(entry.image());
      ImageSource source = entry.source();
      if (copy == null || out.containsKey(source)) {
        continue;
      }
      ImageSource.Builder overwrite = source.overwrite();
      ImageReference pinned = copy.target().withDigest(copy.digest());
      if (source.ref() != null) {
        overwrite.ref(pinned.toString());
      } else if (source.tag() == null) {
        overwrite.repository(copy.target().name());
        diagnostics.add(Diagnostic.warning(source.origin().source(), source.origin().line(), source.origin().path(),
            "image \"" + source.name() + "\" relocated but not pinned: its tag comes from the target version"));
      } else {
        String tag = pinned.tag().map(t -> t + "@" + copy.digest()).orElse(copy.digest().toString());
        overwrite.repository(copy.target().name()).tag(tag);
      }
      out.put(source, overwrite.build());
    }
    return ImageVector.of(new ArrayList<>(out.values()));
  }

  /** Where a source image was stored, and the digest it has there. */
  public record Copy(ImageReference target, Digest digest) {}
}
