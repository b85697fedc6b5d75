package dev.relocator.vector;

import dev.relocator.Diagnostic;
import dev.relocator.version.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gardener's {@code MergeImageVectors}: an overwrite entry with the same key (name,
 * runtimeVersion, targetVersion, architectures, and {@code version} when it is a constraint)
 * merges field by field into the entry it matches, in place; any other overwrite entry is
 * appended in order. Then every appended entry that no find can ever select is reported, and
 * every one that some finds it matches still resolve to an untouched base entry: that is the
 * overwrite that silently leaves a cluster pulling the base image.
 */
public final class VectorMerger {
  private VectorMerger() {}

  /**
   * The merge key; architectures compare in order, as Gardener's does. Its {@code equals} and
   * {@code hashCode} are written out: a record's generated ones link through
   * {@code ObjectMethods} on first call, which spins about 20 method-handle classes in every JVM,
   * and this key is the only record compared on {@code vector resolve}'s path
   * (docs/benchmarks.md, "Start-up: vector resolve").
   */
  private record Key(String name, String runtimeVersion, String targetVersion, String versionConstraint, List<String> architectures) {
    static Key of(ImageSource e) {
      return new Key(e.name(), e.runtimeVersion(), e.targetVersion(), e.versionConstraint(), e.architectures());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && Objects.equals(name, k.name)
          && Objects.equals(runtimeVersion, k.runtimeVersion)
          && Objects.equals(targetVersion, k.targetVersion)
          && Objects.equals(versionConstraint, k.versionConstraint)
          && Objects.equals(architectures, k.architectures);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, runtimeVersion, targetVersion, versionConstraint, architectures);
    }
  }

  public static MergeResult merge(ImageVector base, ImageVector... overwrites) {
    return merge(base, List.of(overwrites));
  }

  /** Merges {@code overwrites} into {@code base} in order and checks every appended entry. */
  public static MergeResult merge(ImageVector base, List<ImageVector> overwrites) {
    List<ImageSource> out = new ArrayList<>(base.entries());
    Map<Key, Integer> index = new HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      index.putIfAbsent(Key.of(out.get(i)), i);
    }
    CaBundle caBundle = base.caBundle();
    Map<String, Object> extra = new LinkedHashMap<>(base.extra());
    Map<Integer, ImageSource> appended = new LinkedHashMap<>();
    java.util.Set<Integer> replaced = new java.util.HashSet<>();
    for (ImageVector overwrite : overwrites) {
      for (ImageSource entry : overwrite.entries()) {
        Key key = Key.of(entry);
        Integer at = index.get(key);
        if (at != null) {
          out.set(at, mergeEntry(out.get(at), entry));
          replaced.add(at);
          if (appended.containsKey(at)) {
            appended.put(at, entry);
          }
        } else {
          index.put(key, out.size());
          appended.put(out.size(), entry);
          out.add(entry);
        }
      }
      if (overwrite.caBundle() != null) {
        caBundle = overwrite.caBundle();
      }
      extra.putAll(overwrite.extra());
    }
    ImageVector merged = ImageVector.of(out, caBundle, extra);
    java.util.Set<Integer> untouchedBase = new java.util.HashSet<>();
    for (int i = 0; i < base.entries().size(); i++) {
      if (!replaced.contains(i)) {
        untouchedBase.add(i);
      }
    }
    List<Diagnostic> warnings = Reachability.check(merged, appended, untouchedBase);
    return new MergeResult(merged, warnings);
  }

  /**
   * Field-by-field merge: the overwrite's fields win where set; {@code ref} replaces {@code
   * repository} and {@code tag}, and an overwrite {@code repository} drops the old {@code ref}.
   */
  static ImageSource mergeEntry(ImageSource old, ImageSource over) {
    String ref = over.ref();
    if (ref == null && over.repository() == null) {
      ref = old.ref();
    }
    String repository = ref != null ? null : firstNonNull(over.repository(), old.repository());
    String tag = ref != null ? null : firstNonNull(over.tag(), old.tag());
    Map<String, Object> extra = new LinkedHashMap<>(old.extra());
    extra.putAll(over.extra());
    String version = firstNonNull(over.version(), old.version());
    // Gardener keeps the replaced tag as the image's version, so pinning a tag to a digest
    // still reports v1.2.3; only a full version qualifies here, as a partial one such as 3.10
    // would read as a constraint.
    if (version == null && tag != null && old.tag() != null && Version.isFullVersion(old.tag())) {
      version = old.tag();
    }
    return ImageSource.builder(over.name())
        .sourceRepository(firstNonNull(over.sourceRepository(), old.sourceRepository()))
        .repository(repository)
        .tag(tag)
        .ref(ref)
        .version(version)
        .runtimeVersion(firstNonNull(over.runtimeVersion(), old.runtimeVersion()))
        .targetVersion(firstNonNull(over.targetVersion(), old.targetVersion()))
        .architectures(firstNonNull(over.architectures(), old.architectures()))
        .labels(firstNonNull(over.labels(), old.labels()))
        .resourceId(firstNonNull(over.resourceId(), old.resourceId()))
        .extra(extra)
        .origin(over.origin())
        .build();
  }

  private static <T> T firstNonNull(T first, T second) {
    return first != null ? first : second;
  }
}
