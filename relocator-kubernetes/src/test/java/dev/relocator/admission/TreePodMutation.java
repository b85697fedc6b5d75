package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.imagemap.ImageMapping;
import dev.relocator.imagemap.ImageRelocation;
import dev.relocator.policy.PodImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link PodMutation} as it was on a Jackson tree, the reference for {@link ReviewReaderDifferentialTest}.
 */
final class TreePodMutation {

  /** The kind of the ephemeralcontainers subresource's object before Kubernetes 1.22. */
  private static final String EPHEMERAL_CONTAINERS_KIND = "EphemeralContainers";

  /** The container lists of a pod spec, in the order their images are visited. */
  static final List<String> CONTAINER_FIELDS =
      List.of("initContainers", "containers", "ephemeralContainers");

  /**
   * The outcome for one pod.
   *
   * @param changes the images to replace, in pod order
   * @param skipped images left alone because they are not valid references, with why
   * @param images every image considered, as the pod will run it: what the policy checks
   */
  public record Result(List<ImageChange> changes, List<String> skipped, List<PodImage> images) {
    public Result {
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
      images = List.copyOf(images);
    }
  }

  private TreePodMutation() {}

  /**
   * The images of {@code pod} that {@code mapping} relocates.
   *
   * @param pod the Pod object of the review
   * @param oldPod for an update of the {@code ephemeralcontainers} subresource, the pod before it:
   *     then only ephemeral containers it did not have are considered; null on CREATE
   * @throws AdmissionException when the pod's container lists are not shaped as a Pod's
   */
  public static Result mutate(JsonNode pod, JsonNode oldPod, ImageMapping mapping) {
    if (pod == null || !pod.isObject()) {
      throw new AdmissionException("request.object: expected a Pod object, got "
          + (pod == null ? "nothing" : pod.getNodeType().toString().toLowerCase()));
    }
    // Before Kubernetes 1.22 the ephemeralcontainers subresource carries an EphemeralContainers
    // object: the list sits at the top level instead of under spec.
    boolean legacy = EPHEMERAL_CONTAINERS_KIND.equals(pod.path("kind").asText());
    JsonNode spec = legacy ? pod : pod.get("spec");
    String pointer = legacy ? "/" : "/spec/";
    String where = legacy ? "request.object." : "request.object.spec.";
    List<ImageChange> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<PodImage> images = new ArrayList<>();
    if (spec == null || spec.isNull()) {
      return new Result(changes, skipped, images);
    }
    if (!spec.isObject()) {
      throw new AdmissionException("request.object.spec: expected an object");
    }
    Set<String> existingEphemeral = oldPod == null ? null : ephemeralNames(oldPod);
    for (String field : CONTAINER_FIELDS) {
      if (existingEphemeral != null && !field.equals("ephemeralContainers")) {
        continue;
      }
      JsonNode list = spec.get(field);
      if (list == null || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        throw new AdmissionException(where + field + ": expected a list");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode container = list.get(i);
        if (!container.isObject()) {
          throw new AdmissionException(
              where + field + "[" + i + "]: expected a container object");
        }
        String name = container.path("name").asText("");
        if (existingEphemeral != null && existingEphemeral.contains(name)) {
          continue;
        }
        JsonNode image = container.get("image");
        if (image == null || !image.isTextual() || image.asText().isEmpty()) {
          continue;
        }
        String original = image.asText();
        ImageRelocation r = ImageRelocation.of(original, mapping);
        if (r.problem() != null) {
          skipped.add(name + ": " + r.problem());
        } else if (r.relocated()) {
          changes.add(new ImageChange(pointer + field + "/" + i + "/image", name, original, r.image(), r.from(), r.to()));
        }
        images.add(new PodImage(field, name, original, r.image(), r.relocated(), r.to()));
      }
    }
    return new Result(changes, skipped, images);
  }

  private static Set<String> ephemeralNames(JsonNode oldPod) {
    Set<String> names = new HashSet<>();
    JsonNode holder = EPHEMERAL_CONTAINERS_KIND.equals(oldPod.path("kind").asText()) ? oldPod : oldPod.path("spec");
    JsonNode list = holder.path("ephemeralContainers");
    if (list.isArray()) {
      list.forEach(c -> names.add(c.path("name").asText("")));
    }
    return names;
  }
}
