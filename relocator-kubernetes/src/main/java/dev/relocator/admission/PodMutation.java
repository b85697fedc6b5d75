package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.imagemap.ImageMapping;
import dev.relocator.policy.PodImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pure core of the webhook: which images of a pod the mapping relocates. Reads the pod as a
 * JSON tree and changes nothing. Idempotent: an image is relocated only when its relocation is
 * left alone by the mapping (the consistency check already refuses chains and rules that would
 * relocate their own output, so this guard only fires on a defect).
 */
final class PodMutation {

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

  private PodMutation() {}

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
        ImageReference ref;
        try {
          ref = ImageReference.parse(original);
        } catch (InvalidReferenceException e) {
          skipped.add(name + ": " + e.getMessage());
          images.add(new PodImage(field, name, original, original, false, null));
          continue;
        }
        Optional<ImageReference> relocated = mapping.relocate(ref);
        if (relocated.isPresent()) {
          // Idempotence is checked, not assumed: an image whose relocation would be relocated
          // again on reinvocation is left alone.
          Optional<ImageReference> again = mapping.relocate(relocated.get());
          if (again.isPresent() && !again.get().equals(relocated.get())) {
            skipped.add(name + ": " + original + " would become " + relocated.get().familiarString()
                + ", which the mapping relocates again to " + again.get().familiarString());
            images.add(new PodImage(field, name, original, original, false, ref));
            continue;
          }
          String value = relocated.get().familiarString();
          if (!value.equals(original)) {
            changes.add(new ImageChange(pointer + field + "/" + i + "/image", name, original, value, ref,
                relocated.get()));
          }
          images.add(new PodImage(field, name, original, value, !value.equals(original), relocated.get()));
        } else {
          images.add(new PodImage(field, name, original, original, false, ref));
        }
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
