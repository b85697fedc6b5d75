package dev.relocator.imagemap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Instant;
import java.util.Objects;

/**
 * One ImageMap or ClusterImageMap as the consistency pass and the webhook see it, whether it came
 * from the API server or from a file: translated from its wire form once, where it comes in.
 *
 * @param id which map
 * @param generation {@code metadata.generation}; it changes when the spec changes
 * @param created when the map was created; older maps win conflicts
 * @param spec the spec, parsed
 * @param selector a ClusterImageMap's namespace selector, null for every namespace or an ImageMap
 * @param status the current status, never null ({@link MapStatus#NONE} when none was written yet)
 */
public record MapState(
    MapId id,
    long generation,
    Instant created,
    MapSpec spec,
    LabelSelector selector,
    MapStatus status) {

  public MapState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(spec, "spec");
    status = status == null ? MapStatus.NONE : status;
  }

  /** This map with {@code next} as its status. */
  public MapState withStatus(MapStatus next) {
    return new MapState(id, generation, created, spec, selector, next);
  }

  /** Whether some generation of the spec is in force. */
  public boolean hasAccepted() {
    return status.inForce() != null;
  }

  /** The generation in force, or null. */
  public Long acceptedGeneration() {
    return status.inForce() == null ? null : status.inForce().generation();
  }

  /** Whether the current generation is not the one in force. */
  public boolean rejected() {
    return !Objects.equals(acceptedGeneration(), generation);
  }

  /**
   * The namespace selector of the generation in force: the one recorded with it, else (a status
   * written before selectors were recorded) the spec's. Null selects every namespace.
   */
  public LabelSelector inForceSelector() {
    LabelSelector recorded = status.inForce() == null ? null : status.inForce().selector();
    return recorded != null && id.isCluster() ? recorded : selector;
  }
}
