package dev.relocator.cli;

import dev.relocator.Diagnostic;
import dev.relocator.imagemap.api.ImageMapManifests;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.mirror.ReferrersMode;
import dev.relocator.oci.Platform;
import dev.relocator.registry.RegistryEndpoints;
import dev.relocator.relocation.Located;
import dev.relocator.relocation.Relocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a relocation file that need the registry and Kubernetes modules' own parsers
 * (the target, platforms, endpoints, the ImageMap scope), reported as the core reader reports its
 * findings: file, line, key path. Run together with the reader's, so every mistake shows at once.
 */
final class RelocationValidation {
  /** The ImageMap's name in {@code outputs.imageMaps.namespace}, as {@code imagemap generate} names it. */
  static final String MAP_NAME = "relocator";

  private RelocationValidation() {}

  /** Every finding about {@code relocation}'s values; {@code target} is the one in effect (--target wins). */
  static List<Diagnostic> check(Relocation relocation, Located target) {
    List<Diagnostic> findings = new ArrayList<>();
    if (target == null && relocation.rules().isEmpty()) {
      findings.add(Diagnostic.error(relocation.file().toString(), 1, "target",
          "missing: name a target (or give --target), rules, or both"));
    }
    if (target != null) {
      try {
        MirrorDestination.parse(target.value());
      } catch (IllegalArgumentException e) {
        findings.add(target.error(e.getMessage()));
      }
    }
    relocation.referrers().ifPresent(referrers -> {
      try {
        ReferrersMode.parse(referrers.value());
      } catch (IllegalArgumentException e) {
        findings.add(referrers.error(e.getMessage()));
      }
    });
    relocation.vector().ifPresent(vector -> vector.architectures().forEach(arch -> {
      try {
        Platform.parse(arch.value());
      } catch (IllegalArgumentException e) {
        findings.add(arch.error(e.getMessage()));
      }
    }));
    for (Map.Entry<String, List<Located>> registry : relocation.registries().endpoints().entrySet()) {
      for (Located endpoint : registry.getValue()) {
        try {
          RegistryEndpoints.parse(List.of(registry.getKey() + "=" + endpoint.value()));
        } catch (IllegalArgumentException e) {
          findings.add(endpoint.error(e.getMessage()));
        }
      }
    }
    // Neither or both of namespace and cluster: the reader has said so; there is no scope to check.
    relocation.outputs().imageMaps().filter(m -> m.namespace().isPresent() != m.cluster().isPresent()).ifPresent(maps -> {
      try {
        scope(maps);
      } catch (IllegalArgumentException e) {
        findings.add(maps.namespace().or(maps::cluster).orElseThrow().error(e.getMessage()));
      }
    });
    return findings;
  }

  /** The ImageMap's scope; throws IllegalArgumentException for a name the API server would refuse. */
  static ImageMapManifests.Scope scope(Relocation.ImageMaps maps) {
    return maps.namespace().isPresent()
        ? new ImageMapManifests.Namespaced(maps.namespace().get().value(), MAP_NAME)
        : new ImageMapManifests.Cluster(maps.cluster().orElseThrow().value());
  }

  /** {@code registries.endpoints} as {@code --registry-endpoint} takes them. */
  static List<String> endpoints(Relocation relocation) {
    List<String> endpoints = new ArrayList<>();
    relocation.registries().endpoints().forEach((name, list) -> list.forEach(e -> endpoints.add(name + "=" + e.value())));
    return endpoints;
  }
}
