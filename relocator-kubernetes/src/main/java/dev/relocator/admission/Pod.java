package dev.relocator.admission;

import java.util.List;

/**
 * The parts of a review's Pod (or, before Kubernetes 1.22, EphemeralContainers object) that the
 * mutation and its patch read, as {@link ReviewReader} found them; shape errors are kept, not
 * thrown, so {@link PodMutation} reports them only where it always did.
 *
 * @param shape "object" for a readable pod, else the JSON type found ("null", "array", "string",
 *     "number", "boolean")
 * @param kind the object's kind
 * @param namespace {@code metadata.namespace}, "" for none
 * @param annotations where the originals annotation would go
 * @param originals the originals annotation's value when it is a string, else null
 * @param spec {@code spec}, null when absent or JSON null
 * @param topLevel the container lists at the object's top level (the EphemeralContainers shape)
 */
record Pod(
    String shape, String kind, String namespace, Annotations annotations, String originals, Spec spec,
    Spec topLevel) {

  /** How far the path to the originals annotation exists. */
  enum Annotations {
    /** {@code metadata} is absent or not an object. */
    NO_METADATA,
    /** {@code metadata} is an object, {@code metadata.annotations} absent or not an object. */
    NO_ANNOTATIONS,
    /** {@code metadata.annotations} is an object without the originals annotation. */
    WITHOUT_ORIGINALS,
    /** {@code metadata.annotations} holds the originals annotation, of whatever type. */
    WITH_ORIGINALS
  }

  static Pod notAnObject(String shape) {
    return new Pod(shape, "", "", Annotations.NO_METADATA, null, null, Spec.EMPTY);
  }

  boolean isObject() {
    return "object".equals(shape);
  }

  /**
   * A pod spec's container lists (or the legacy object's top level); an absent or JSON null list
   * is null.
   *
   * @param object false for a spec that is present but not an object
   * @param pullSecrets the names in {@code imagePullSecrets} ("" for an entry without one), null
   *     when it is not a list
   */
  record Spec(
      boolean object, Containers initContainers, Containers containers, Containers ephemeralContainers,
      List<String> pullSecrets) {

    static final Spec EMPTY = new Spec(true, null, null, null, null);
    static final Spec NOT_AN_OBJECT = new Spec(false, null, null, null, null);

    /** The list named {@code field}, one of {@link PodMutation#CONTAINER_FIELDS}. */
    Containers list(String field) {
      return switch (field) {
        case "initContainers" -> initContainers;
        case "containers" -> containers;
        case "ephemeralContainers" -> ephemeralContainers;
        default -> throw new IllegalArgumentException("not a container list: " + field);
      };
    }
  }

  /**
   * A container list.
   *
   * @param list false for a value that is not a list
   * @param items its entries in order
   */
  record Containers(boolean list, List<Container> items) {
    static final Containers NOT_A_LIST = new Containers(false, List.of());
  }

  /**
   * One entry of a container list.
   *
   * @param object false for an entry that is not an object
   * @param name its name, "" for none
   * @param image its image when that is a string, else null
   */
  record Container(boolean object, String name, String image) {
    static final Container NOT_AN_OBJECT = new Container(false, "", null);
  }
}
