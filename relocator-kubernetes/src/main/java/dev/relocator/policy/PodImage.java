package dev.relocator.policy;

import dev.relocator.image.ImageReference;

/**
 * One container image of a pod as the policy sees it: after relocation.
 *
 * @param field {@code containers}, {@code initContainers} or {@code ephemeralContainers}
 * @param container the container's name
 * @param original the image the pod was submitted with
 * @param image the image the pod runs: the relocation, or the original when no map applies
 * @param relocated whether a map relocated it
 * @param reference {@code image} parsed, or null when it is not a valid reference: parsed once by
 *     whoever relocated it, so that the policy check does not parse it again
 */
public record PodImage(
    String field, String container, String original, String image, boolean relocated, ImageReference reference) {

  /** How a message names the container: {@code initContainer "setup"}. */
  public String describe() {
    String kind = switch (field) {
      case "initContainers" -> "initContainer";
      case "ephemeralContainers" -> "ephemeralContainer";
      default -> "container";
    };
    return kind + " \"" + container + "\"";
  }
}
