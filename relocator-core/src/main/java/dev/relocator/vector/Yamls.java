package dev.relocator.vector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for the order-keeping, null-tolerant collections the vector model holds. */
final class Yamls {
  private Yamls() {}

  /** An unmodifiable, order-keeping copy that allows null values (unlike {@code Map.copyOf}). */
  static Map<String, Object> copyOf(Map<String, Object> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** An unmodifiable copy, or null when absent: absence and emptiness differ in a vector. */
  static <T> List<T> copyOrNull(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }
}
