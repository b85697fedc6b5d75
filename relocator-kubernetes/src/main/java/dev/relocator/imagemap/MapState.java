package dev.relocator.imagemap;

import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.ImageMapStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One ImageMap or ClusterImageMap as the consistency pass and the webhook see it, whether it came
 * from the API server or from a file.
 *
 * @param id which map
 * @param generation {@code metadata.generation}; it changes when the spec changes
 * @param created when the map was created; older maps win conflicts
 * @param spec the spec as written
 * @param selector a ClusterImageMap's namespace selector, null for every namespace or an ImageMap
 * @param status the current status, never null (empty when none was written yet)
 */
public record MapState(
    MapId id,
    long generation,
    Instant created,
    ImageMapSpec spec,
    LabelSelector selector,
    ImageMapStatus status) {

  public MapState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    status = status == null ? new ImageMapStatus() : status;
  }

  /** The state of an ImageMap read from the API server. */
  public static MapState of(ImageMap map) {
    ObjectMeta meta = map.getMetadata();
    return new MapState(
        MapId.namespaced(meta.getNamespace(), meta.getName()),
        generation(meta),
        created(meta),
        map.getSpec(),
        null,
        map.getStatus());
  }

  /** The state of a ClusterImageMap read from the API server. */
  public static MapState of(ClusterImageMap map) {
    ObjectMeta meta = map.getMetadata();
    ClusterImageMapSpec spec = map.getSpec();
    return new MapState(
        MapId.cluster(meta.getName()),
        generation(meta),
        created(meta),
        spec,
        spec == null ? null : spec.getNamespaceSelector(),
        map.getStatus());
  }

  /** Whether some generation of the spec is in force. */
  public boolean hasAccepted() {
    return status.getAcceptedGeneration() != null;
  }

  /**
   * The namespace selector of the generation in force: the one recorded with it, else (a status
   * written before selectors were recorded) the spec's. Null selects every namespace.
   */
  public LabelSelector inForceSelector() {
    LabelSelector recorded = status.getAcceptedNamespaceSelector();
    return recorded != null && id.isCluster() ? recorded : selector;
  }

  private static long generation(ObjectMeta meta) {
    return meta.getGeneration() == null ? 1 : meta.getGeneration();
  }

  private static Instant created(ObjectMeta meta) {
    String ts = meta.getCreationTimestamp();
    return ts == null || ts.isEmpty() ? Instant.EPOCH : OffsetDateTime.parse(ts).toInstant();
  }
}
