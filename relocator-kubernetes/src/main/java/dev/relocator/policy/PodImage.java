package dev.relocator.policy;

/**
 * One container image of a pod as the policy sees it: after relocation.
 *
 * @param field {@code containers}, {@code initContainers} or {@code ephemeralContainers}
 * @param container the container's name
 * @param original the image the pod was submitted with
 * @param image the image the pod runs: the relocation, or the original when no map applies
 * @param relocated whether a map relocated it
 */
public record PodImage(String field, String container, String original, String image, boolean relocated) {

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
