package dev.relocator.audit;

/**
 * One container whose image would not be allowed.
 *
 * @param namespace the workload's namespace
 * @param kind the workload's kind
 * @param name the workload's name
 * @param container the container's name
 * @param image the image as the workload has it
 * @param relocated the image the maps relocate it to, or null when no map does
 * @param why which policy does not allow it, that no map relocates it, or why the webhook would leave it alone
 * @param leftAlone whether the webhook leaves the image alone for a reason of its own (not a
 *     reference, or a relocation the maps would relocate again): no new map entry mends that
 */
public record AuditRow(String namespace, String kind, String name, String container, String image, String relocated,
    String why, boolean leftAlone) {

  /** What the table shows for {@link #relocated()}. */
  public String relocatedOrNoMap() {
    return relocated == null ? "no map" : relocated;
  }
}
