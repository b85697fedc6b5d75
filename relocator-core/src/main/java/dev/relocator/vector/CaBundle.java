package dev.relocator.vector;

import java.util.Map;

/**
 * The vector's top-level {@code caBundle}: a PEM certificate ({@code inline}) that signs the
 * registries of the vector's images.
 *
 * @param inline the PEM text, or null
 * @param extra other keys, kept in order
 */
public record CaBundle(String inline, Map<String, Object> extra) {
  public CaBundle {
    extra = Yamls.copyOf(extra);
  }
}
