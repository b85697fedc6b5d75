package dev.relocator.imagemap;

/**
 * What the consistency pass records about a map: its {@code Ready} condition and the generation
 * in force. The edge keeps the status's other conditions, which the pass never reads.
 *
 * @param observedGeneration the generation the condition is about, or null before the first pass
 * @param ready the {@code Ready} condition, or null before the first pass
 * @param inForce the generation in force, or null when none is
 */
public record MapStatus(Long observedGeneration, Ready ready, InForce inForce) {

  /** The status of a map no pass has seen. */
  public static final MapStatus NONE = new MapStatus(null, null, null);

  /**
   * The {@code Ready} condition.
   *
   * @param status whether the map's current generation is in force
   * @param reason {@code Accepted}, {@code Conflict} or {@code Invalid}
   * @param message the sentence saying why
   * @param observedGeneration the generation it is about
   * @param lastTransitionTime when {@code status} last changed, RFC 3339 in whole seconds
   */
  public record Ready(boolean status, String reason, String message, Long observedGeneration, String lastTransitionTime) {}
}
