package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exact from/to entries behind hash lookups, most specific first: a digest entry, then a tag
 * entry, then a repository-wide entry. Lookups cost the same with ten entries or ten thousand.
 */
final class ExactMapping implements ImageMapping {

  /** Docker reads an image without tag or digest as {@code :latest}; tag entries follow it. */
  private static final String DEFAULT_TAG = "latest";

  private final Map<String, Mapping> byKey;

  private ExactMapping(Map<String, Mapping> byKey) {
    this.byKey = byKey;
  }

  /** A mapping of {@code entries}; on a repeated {@code from} the first entry wins. */
  static ExactMapping of(Collection<Mapping> entries) {
    Map<String, Mapping> byKey = new HashMap<>(Math.max(16, entries.size() * 2));
    for (Mapping m : entries) {
      byKey.putIfAbsent(key(m.from()), m);
    }
    return new ExactMapping(byKey);
  }

  int size() {
    return byKey.size();
  }

  @Override
  public Optional<ImageReference> relocate(ImageReference image) {
    if (byKey.isEmpty()) {
      return Optional.empty();
    }
    String name = image.name();
    Mapping m = null;
    if (image.digest().isPresent()) {
      m = byKey.get(name + "@" + image.digest().get());
    }
    if (m == null && (image.tag().isPresent() || image.digest().isEmpty())) {
      m = byKey.get(name + ":" + image.tag().orElse(DEFAULT_TAG));
    }
    if (m == null) {
      m = byKey.get(name);
    }
    return m == null ? Optional.empty() : Optional.of(m.apply(image));
  }

  /** The lookup key of a {@code from}: digest wins over tag, as digests name content. */
  static String key(ImageReference from) {
    if (from.digest().isPresent()) {
      return from.name() + "@" + from.digest().get();
    }
    if (from.tag().isPresent()) {
      return from.name() + ":" + from.tag().get();
    }
    return from.name();
  }
}
