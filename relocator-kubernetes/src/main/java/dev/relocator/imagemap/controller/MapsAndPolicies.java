package dev.relocator.imagemap.controller;

import dev.relocator.Diagnostic;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicySet;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.policy.api.ImagePolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One reading of the maps in force and the policies, for a tool that asks once rather than
 * serving ({@code relocator audit}): from a maps directory, or from a cluster's resources (the
 * maps' statuses say what is in force there, as the webhook reads them).
 *
 * @param catalog the mapping in force
 * @param policies the valid policies
 * @param problems what could not be read or validated
 */
public record MapsAndPolicies(MappingCatalog catalog, PolicySet policies, List<Diagnostic> problems) {

  /** The maps and policies in {@code dir}, checked by a consistency pass as {@code serve --maps} does. */
  public static MapsAndPolicies fromDirectory(Path dir) {
    DirectoryMapSource source = new DirectoryMapSource(dir, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    source.readOnce();
    if (!source.ready()) {
      throw new ImageMapException("maps directory " + dir + ": cannot read the maps: " + source.problems());
    }
    return new MapsAndPolicies(source.catalog(), source.policies(), source.problems());
  }

  /** The maps in force and the policies of the cluster {@code client} talks to. */
  public static MapsAndPolicies fromCluster(KubernetesClient client) {
    List<Diagnostic> problems = new ArrayList<>();
    NamespaceLabels labels = NamespaceLabels.of(client.namespaces().list().getItems());
    WireMaps wire = new WireMaps(new SimpleMeterRegistry());
    List<MapState> states = new ArrayList<>();
    listed(() -> client.resources(ImageMap.class).inAnyNamespace().list().getItems(), "ImageMaps", problems)
        .forEach(m -> states.add(wire.state(m)));
    listed(() -> client.resources(ClusterImageMap.class).list().getItems(), "ClusterImageMaps", problems)
        .forEach(m -> states.add(wire.state(m)));
    List<WirePolicies.Translation> read = new ArrayList<>();
    listed(() -> client.resources(ClusterImagePolicy.class).list().getItems(), "ClusterImagePolicies", problems)
        .forEach(p -> read.add(WirePolicies.translate(p)));
    listed(() -> client.resources(ImagePolicy.class).inAnyNamespace().list().getItems(), "ImagePolicies", problems)
        .forEach(p -> read.add(WirePolicies.translate(p)));
    List<Policy> policies = WirePolicies.valid(read,
        p -> problems.add(Diagnostic.error("cluster", 0, "", p + "; the policy is not applied")));
    return new MapsAndPolicies(MappingCatalog.of(states, labels),
        new PolicySet(policies, labels), problems);
  }

  /** The listed items; a kind whose CRD is not installed (404) is none, with a problem saying so. */
  private static <T> List<T> listed(Supplier<List<T>> list, String what, List<Diagnostic> problems) {
    try {
      return list.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        problems.add(Diagnostic.warning("cluster", 0, "", what + ": not installed (CRD missing), none read"));
        return List.of();
      }
      throw e;
    }
  }
}
