package dev.relocator.vector;

import java.util.Map;

/**
 * Gardener's {@code resourceId} of an entry ({@code {name: ...}}), which ties it to an OCM
 * component resource.
 *
 * @param name the resource name, or null
 * @param extra other keys, kept in order
 */
public record ResourceId(String name, Map<String, Object> extra) {
  public ResourceId {
    extra = Yamls.copyOf(extra);
  }
}
