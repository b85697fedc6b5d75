package dev.relocator.imagemap;

import static dev.relocator.imagemap.ConsistencyTest.overwrite;
import static dev.relocator.imagemap.Maps.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingCatalogTest {

  private static final Map<String, Map<String, String>> LABELS = Map.of("demo", Map.of("team", "a"), "tools", Map.of("team", "a"));

  /** Maps accepted by a real reconcile pass, with their statuses applied. */
  private static MappingCatalog accepted(MapState... maps) {
    List<MapState> states = new ArrayList<>(List.of(maps));
    var changed = Reconciler.reconcile(states, ns -> LABELS.getOrDefault(ns, Map.of()),
        Reconciler.RejectedUpdate.KEEP, Instant.EPOCH);
    states.replaceAll(m -> Maps.withStatus(m, changed.get(m.id())));
    states.forEach(m -> assertThat(m.hasAccepted()).as(m.id() + ": " + m.status().ready()).isTrue());
    return MappingCatalog.of(states, ns -> LABELS.getOrDefault(ns, Map.of()));
  }

  private static Optional<String> relocate(MappingCatalog catalog, String ns, String image) {
    return catalog.forNamespace(ns).relocate(ImageReference.parse(image)).map(ImageReference::familiarString);
  }

  @Test
  void exactEntriesWinOverRulesAndNamespacedRulesOverClusterRules() {
    MapSpec local = spec(List.of(overwrite("reg.local:5000/team", "reg.local:5000", "reg.local")),
        "nginx", "reg.local/pinned/nginx");
    MapSpec global = spec(List.of(overwrite("reg.local:6000/all", "reg.local:6000", "reg.local:5000", "reg.local")),
        "busybox", "reg.local/global/busybox");
    MappingCatalog catalog = accepted(
        new MapState(MapId.namespaced("demo", "local"), 1, Instant.ofEpochSecond(2), local, null, null),
        new MapState(MapId.cluster("global"), 1, Instant.ofEpochSecond(1), global,
            new LabelSelectorBuilder().addToMatchLabels("team", "a").build(), null));
    assertThat(relocate(catalog, "demo", "nginx:1.25")).contains("reg.local/pinned/nginx:1.25");
    assertThat(relocate(catalog, "demo", "busybox:1")).contains("reg.local/global/busybox:1");
    assertThat(relocate(catalog, "demo", "alpine:3")).contains("reg.local:5000/team/library/alpine:3");
    assertThat(relocate(catalog, "demo", "reg.local:5000/team/library/alpine:3")).isEmpty();
    assertThat(relocate(catalog, "other", "alpine:3")).isEmpty();
  }

  @Test
  void clusterRulesApplyWhereNoNamespacedMapDecides() {
    MapSpec global = spec(List.of(overwrite("reg.local:6000/all", "reg.local:6000")));
    MappingCatalog catalog = accepted(new MapState(MapId.cluster("global"), 1, Instant.EPOCH, global, null, null));
    assertThat(relocate(catalog, "anywhere", "quay.io/calico/cni:v3.32.0"))
        .contains("reg.local:6000/all/calico/cni:v3.32.0");
  }

  @Test
  void namespacesWithoutMapsOfTheirOwnShareOneMappingPerSelectionOfClusterMaps() {
    // Built per namespace, 10,000 cluster entries were copied for every namespace a pod came from,
    // including any namespace a review names.
    MappingCatalog catalog = accepted(
        new MapState(MapId.cluster("global"), 1, Instant.EPOCH, spec("busybox", "reg.local/global/busybox"), null, null),
        new MapState(MapId.cluster("team"), 1, Instant.ofEpochSecond(1), spec("redis", "reg.local/team/redis"),
            new LabelSelectorBuilder().addToMatchLabels("team", "a").build(), null),
        new MapState(MapId.namespaced("demo", "local"), 1, Instant.ofEpochSecond(2), spec("nginx", "reg.local/pinned/nginx"),
            null, null));
    assertThat(catalog.forNamespace("anywhere")).isSameAs(catalog.forNamespace("elsewhere"));
    assertThat(catalog.forNamespace("tools")).isNotSameAs(catalog.forNamespace("anywhere"));
    assertThat(catalog.forNamespace("demo")).isNotSameAs(catalog.forNamespace("tools"));
    assertThat(relocate(catalog, "elsewhere", "busybox:1")).contains("reg.local/global/busybox:1");
    assertThat(relocate(catalog, "elsewhere", "redis:7")).isEmpty();
    assertThat(relocate(catalog, "tools", "redis:7")).contains("reg.local/team/redis:7");
    assertThat(relocate(catalog, "tools", "nginx:1")).isEmpty();
    assertThat(relocate(catalog, "demo", "nginx:1")).contains("reg.local/pinned/nginx:1");
    assertThat(relocate(catalog, "demo", "redis:7")).contains("reg.local/team/redis:7");
  }
}
