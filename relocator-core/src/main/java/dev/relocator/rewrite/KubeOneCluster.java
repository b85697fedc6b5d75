package dev.relocator.rewrite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a KubeOne cluster file ({@code kind: KubeOneCluster}) says beyond the rules read from it:
 * the registries to reach over plain HTTP and the Kubernetes version the cluster runs.
 *
 * @param apiVersion {@code kubeone.k8c.io/v1beta1} or {@code kubeone.k8c.io/v1beta2}
 * @param kubernetesVersion {@code versions.kubernetes}, as written, if the file gives it
 * @param insecureRegistries the overwrite registry's host when {@code insecureRegistry: true}
 */
public record KubeOneCluster(String apiVersion, Optional<String> kubernetesVersion, List<String> insecureRegistries) {
  /** The {@code kind} of KubeOne's cluster file. */
  public static final String KIND = "KubeOneCluster";
  /** The API versions Relocator reads, oldest first. */
  public static final List<String> API_VERSIONS = List.of("kubeone.k8c.io/v1beta1", "kubeone.k8c.io/v1beta2");

  public KubeOneCluster {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    insecureRegistries = List.copyOf(insecureRegistries);
  }
}
