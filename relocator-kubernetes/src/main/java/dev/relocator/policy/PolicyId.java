package dev.relocator.policy;

import java.util.Objects;

/**
 * Identifies one ImagePolicy ({@code namespace} set) or ClusterImagePolicy ({@code namespace}
 * null); {@link #toString()} is how messages name it.
 */
public record PolicyId(String namespace, String name) {

  public PolicyId {
    Objects.requireNonNull(name, "name");
  }

  public static PolicyId cluster(String name) {
    return new PolicyId(null, name);
  }

  public static PolicyId namespaced(String namespace, String name) {
    return new PolicyId(Objects.requireNonNull(namespace, "namespace"), name);
  }

  public boolean isCluster() {
    return namespace == null;
  }

  @Override
  public String toString() {
    return isCluster() ? "ClusterImagePolicy " + name : "ImagePolicy " + namespace + "/" + name;
  }
}
