package dev.relocator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** AdmissionReview documents derived from the real API server's bytes in test resources. */
public final class Reviews {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String DIGEST = "sha256:" + "c".repeat(64);

  private Reviews() {}

  /** The review kube-apiserver 1.26 sent for {@code kubectl apply} of an nginx:1.25 pod in demo. */
  public static ObjectNode podCreate() {
    return load("/admission/pod-create-1.26.json");
  }

  public static ObjectNode load(String resource) {
    try (InputStream in = Reviews.class.getResourceAsStream(resource)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Deployment's pod, as a ReplicaSet controller creates it: no name, a generateName, no
   * namespace in the object, an init container and two containers, one pinned by digest.
   */
  public static ObjectNode generatedPodCreate() {
    ObjectNode review = podCreate();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("name", "");
    ObjectNode pod = (ObjectNode) request.get("object");
    ObjectNode meta = (ObjectNode) pod.get("metadata");
    meta.remove("name");
    meta.remove("namespace");
    meta.remove("annotations");
    meta.put("generateName", "web-7d4b9c8f6d-");
    ObjectNode spec = (ObjectNode) pod.get("spec");
    ArrayNode init = spec.putArray("initContainers");
    init.addObject().put("name", "init").put("image", "busybox");
    ArrayNode containers = (ArrayNode) spec.get("containers");
    containers.addObject().put("name", "sidecar").put("image", "quay.io/calico/cni:v3.32.0@" + DIGEST);
    return review;
  }

  /** {@code kubectl debug} adding ephemeral container "debugger" to a pod that has "old-debug". */
  public static ObjectNode ephemeralUpdate() {
    ObjectNode review = podCreate();
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("operation", "UPDATE");
    request.put("subResource", "ephemeralcontainers");
    ObjectNode old = ((ObjectNode) request.get("object")).deepCopy();
    ((ObjectNode) old.get("spec")).putArray("ephemeralContainers")
        .addObject().put("name", "old-debug").put("image", "busybox:1.36");
    request.set("oldObject", old);
    ObjectNode pod = old.deepCopy();
    ((ArrayNode) pod.get("spec").get("ephemeralContainers"))
        .addObject().put("name", "debugger").put("image", "busybox:1.36");
    request.set("object", pod);
    return review;
  }

  public static ObjectNode request(ObjectNode review) {
    return (ObjectNode) review.get("request");
  }

  /** The request of {@code review} as the webhook reads it (its pods included). */
  static Review.Request read(ObjectNode review) {
    try {
      return ReviewReader.read(bytes(review)).request();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code pod} as the webhook reads it from a review's {@code request.object}. */
  static Pod pod(JsonNode pod) {
    ObjectNode review = JSON.createObjectNode();
    review.putObject("request").set("object", pod);
    return read(review).object();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
