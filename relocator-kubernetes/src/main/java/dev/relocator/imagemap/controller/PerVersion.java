package dev.relocator.imagemap.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Translations of wire objects kept per resourceVersion, so each version of a resource is
 * translated once however many consistency passes read it. Not thread-safe: the controller uses
 * it on its pass thread only.
 *
 * @param <K> what identifies a resource
 * @param <V> its translation
 */
final class PerVersion<K, V> {

  private record Entry<V>(String resourceVersion, V value) {}

  private final Map<K, Entry<V>> entries = new HashMap<>();
  private final Set<K> seen = new HashSet<>();

  /**
   * The translation of {@code wire}, reused while its resourceVersion stays the same (an object
   * without one is translated every time).
   */
  <W extends HasMetadata> V get(K key, W wire, Function<W, V> translation) {
    seen.add(key);
    String version = wire.getMetadata().getResourceVersion();
    Entry<V> e = entries.get(key);
    if (e == null || version == null || !version.equals(e.resourceVersion())) {
      e = new Entry<>(version, translation.apply(wire));
      entries.put(key, e);
    }
    return e.value();
  }

  /** Forgets the resources not asked for since the last call: they were deleted. */
  void forgetUnseen() {
    entries.keySet().retainAll(seen);
    seen.clear();
  }

  int size() {
    return entries.size();
  }
}
