package dev.relocator.admission;

import dev.relocator.imagemap.ImageMapping;
import dev.relocator.imagemap.ImageRelocation;
import dev.relocator.policy.PodImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure core of the webhook: which images of a pod the mapping relocates. Reads the pod as
 * {@link ReviewReader} read it and changes nothing. Each image is decided by
 * {@link ImageRelocation}, which the audit shares (idempotent: an image whose relocation the mapping relocates again is left alone).
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
   * @param pod the Pod object of the review, null when it had none
   * @param oldPod for an update of the {@code ephemeralcontainers} subresource, the pod before it:
   *     then only ephemeral containers it did not have are considered; null on CREATE
   * @throws AdmissionException when the pod's container lists are not shaped as a Pod's
   */
  public static Result mutate(Pod pod, Pod oldPod, ImageMapping mapping) {
    if (pod == null || !pod.isObject()) {
      throw new AdmissionException("request.object: expected a Pod object, got "
          + (pod == null ? "nothing" : pod.shape()));
    }
    // Before Kubernetes 1.22 the ephemeralcontainers subresource carries an EphemeralContainers
    // object: the list sits at the top level instead of under spec.
    boolean legacy = EPHEMERAL_CONTAINERS_KIND.equals(pod.kind());
    Pod.Spec spec = legacy ? pod.topLevel() : pod.spec();
    String pointer = legacy ? "/" : "/spec/";
    String where = legacy ? "request.object." : "request.object.spec.";
    List<ImageChange> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<PodImage> images = new ArrayList<>();
    if (spec == null) {
      return new Result(changes, skipped, images);
    }
    if (!spec.object()) {
      throw new AdmissionException("request.object.spec: expected an object");
    }
    Set<String> existingEphemeral = oldPod == null ? null : ephemeralNames(oldPod);
    for (String field : CONTAINER_FIELDS) {
      if (existingEphemeral != null && !field.equals("ephemeralContainers")) {
        continue;
      }
      Pod.Containers list = spec.list(field);
      if (list == null) {
        continue;
      }
      if (!list.list()) {
        throw new AdmissionException(where + field + ": expected a list");
      }
      for (int i = 0; i < list.items().size(); i++) {
        Pod.Container container = list.items().get(i);
        if (!container.object()) {
          throw new AdmissionException(
              where + field + "[" + i + "]: expected a container object");
        }
        String name = container.name();
        if (existingEphemeral != null && existingEphemeral.contains(name)) {
          continue;
        }
        String original = container.image();
        if (original == null || original.isEmpty()) {
          continue;
        }
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

  private static Set<String> ephemeralNames(Pod oldPod) {
    Set<String> names = new HashSet<>();
    Pod.Spec holder = EPHEMERAL_CONTAINERS_KIND.equals(oldPod.kind()) ? oldPod.topLevel() : oldPod.spec();
    Pod.Containers list = holder == null ? null : holder.ephemeralContainers();
    if (list != null && list.list()) {
      list.items().forEach(c -> names.add(c.name()));
    }
    return names;
  }
}
