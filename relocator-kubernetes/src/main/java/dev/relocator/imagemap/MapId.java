package dev.relocator.imagemap;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one ImageMap ({@code namespace} set) or ClusterImageMap ({@code namespace} null);
 * {@link #toString()} is how messages name it: {@code ImageMap demo/app} or {@code ClusterImageMap base}.
 *
 * @param namespace the namespace of an ImageMap, or null for a ClusterImageMap
 * @param name the resource name
 */
public record MapId(String namespace, String name) implements Comparable<MapId> {

  private static final Comparator<MapId> ORDER =
      Comparator.comparing(MapId::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(MapId::name);

  public MapId {
    Objects.requireNonNull(name, "name");
  }

  /** The id of the ImageMap {@code name} in {@code namespace}. */
  public static MapId namespaced(String namespace, String name) {
    return new MapId(Objects.requireNonNull(namespace, "namespace"), name);
  }

  /** The id of the ClusterImageMap {@code name}. */
  public static MapId cluster(String name) {
    return new MapId(null, name);
  }

  public boolean isCluster() {
    return namespace == null;
  }

  @Override
  public int compareTo(MapId o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return isCluster() ? "ClusterImageMap " + name : "ImageMap " + namespace + "/" + name;
  }
}
