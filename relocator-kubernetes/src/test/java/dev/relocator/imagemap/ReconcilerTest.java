package dev.relocator.imagemap;

import static dev.relocator.imagemap.Maps.spec;
import static dev.relocator.imagemap.Maps.state;
import static dev.relocator.imagemap.Maps.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
  private static final MapId OLD = MapId.namespaced("demo", "old");
  private static final MapId NEW = MapId.namespaced("demo", "new");

  /** Runs passes, applying the statuses, until nothing changes. */
  private static List<MapState> settle(List<MapState> maps, RejectedUpdate policy) {
    List<MapState> current = new ArrayList<>(maps);
    for (int pass = 0; pass < 5; pass++) {
      Map<MapId, ImageMapStatus> changed = Reconciler.reconcile(current, ns -> Map.of(), policy, NOW);
      if (changed.isEmpty()) {
        return current;
      }
      current.replaceAll(m -> changed.containsKey(m.id()) ? withStatus(m, changed.get(m.id())) : m);
    }
    throw new AssertionError("no fixed point after 5 passes");
  }

  private static MapState find(List<MapState> maps, MapId id) {
    return maps.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  private static Condition ready(MapState m) {
    return m.status().getConditions().get(0);
  }

  @Test
  void ofTwoConflictingMapsTheNewerIsRejectedAndNamesTheOlder() {
    List<MapState> maps = settle(List.of(
        state(NEW, 1, 20, spec("nginx", "reg.local/b/nginx")),
        state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx"))), RejectedUpdate.KEEP);
    assertThat(ready(find(maps, OLD)).getStatus()).isEqualTo("True");
    assertThat(ready(find(maps, OLD)).getReason()).isEqualTo("Accepted");
    Condition rejected = ready(find(maps, NEW));
    assertThat(rejected.getStatus()).isEqualTo("False");
    assertThat(rejected.getReason()).isEqualTo("Conflict");
    assertThat(rejected.getMessage()).contains("ImageMap demo/old", "nginx");
    assertThat(rejected.getObservedGeneration()).isEqualTo(1L);
    assertThat(find(maps, NEW).hasAccepted()).isFalse();
  }

  @Test
  void rejectedMapIsAcceptedOnceTheConflictingMapIsDeleted() {
    List<MapState> maps = settle(List.of(
        state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx")),
        state(NEW, 1, 20, spec("nginx", "reg.local/b/nginx"))), RejectedUpdate.KEEP);
    List<MapState> afterDelete = settle(List.of(find(maps, NEW)), RejectedUpdate.KEEP);
    assertThat(ready(afterDelete.get(0)).getStatus()).isEqualTo("True");
    assertThat(afterDelete.get(0).status().getAcceptedMap()).containsExactly(new MapEntry("nginx", "reg.local/b/nginx"));
  }

  @Test
  void rejectedUpdateKeepsThePreviousGenerationInForce() {
    List<MapState> maps = settle(List.of(
        state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx")),
        state(NEW, 1, 20, spec("redis", "reg.local/redis"))), RejectedUpdate.KEEP);
    MapState updated = new MapState(NEW, 2, find(maps, NEW).created(), spec("nginx", "reg.local/b/nginx"),
        null, find(maps, NEW).status());
    List<MapState> after = settle(List.of(find(maps, OLD), updated), RejectedUpdate.KEEP);
    MapState m = find(after, NEW);
    assertThat(ready(m).getReason()).isEqualTo("Conflict");
    assertThat(ready(m).getMessage()).contains("generation 1 stays in force");
    assertThat(m.status().getAcceptedGeneration()).isEqualTo(1L);
    assertThat(m.status().getObservedGeneration()).isEqualTo(2L);
    assertThat(MappingCatalog.of(after, ns -> Map.of()).forNamespace("demo")
        .relocate(ImageReference.parse("redis:7"))).isPresent();
  }

  @Test
  void rejectedUpdateWithUndeployRemovesThePreviousGeneration() {
    List<MapState> maps = settle(List.of(
        state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx")),
        state(NEW, 1, 20, spec("redis", "reg.local/redis"))), RejectedUpdate.UNDEPLOY);
    MapState updated = new MapState(NEW, 2, find(maps, NEW).created(), spec("nginx", "reg.local/b/nginx"),
        null, find(maps, NEW).status());
    List<MapState> after = settle(List.of(find(maps, OLD), updated), RejectedUpdate.UNDEPLOY);
    assertThat(find(after, NEW).hasAccepted()).isFalse();
    assertThat(ready(find(after, NEW)).getMessage()).contains("no generation is in force");
    assertThat(MappingCatalog.of(after, ns -> Map.of()).forNamespace("demo")
        .relocate(ImageReference.parse("redis:7"))).isEmpty();
  }

  @Test
  void clusterMapConflictsOnlyWithNamespacesItSelects() {
    MapId cluster = MapId.cluster("base");
    MapState clusterMap = new MapState(cluster, 1, Instant.ofEpochSecond(5), spec("nginx", "reg.local/c/nginx"),
        new LabelSelectorBuilder().addToMatchLabels("team", "a").build(), null);
    MapId inA = MapId.namespaced("a", "m");
    MapId inB = MapId.namespaced("b", "m");
    Map<String, Map<String, String>> labels = Map.of("a", Map.of("team", "a"), "b", Map.of("team", "b"));
    List<MapState> current = new ArrayList<>(List.of(clusterMap,
        state(inA, 1, 10, spec("nginx", "reg.local/a/nginx")),
        state(inB, 1, 10, spec("nginx", "reg.local/b/nginx"))));
    Map<MapId, ImageMapStatus> changed =
        Reconciler.reconcile(current, ns -> labels.getOrDefault(ns, Map.of()), RejectedUpdate.KEEP, NOW);
    assertThat(changed.get(cluster).getConditions().get(0).getReason()).isEqualTo("Accepted");
    assertThat(changed.get(inA).getConditions().get(0).getReason()).isEqualTo("Conflict");
    assertThat(changed.get(inA).getConditions().get(0).getMessage()).contains("ClusterImageMap base");
    assertThat(changed.get(inB).getConditions().get(0).getReason()).isEqualTo("Accepted");
  }

  @Test
  void settledMapsNeedNoStatusWrite() {
    List<MapState> maps = settle(List.of(state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx"))), RejectedUpdate.KEEP);
    assertThat(Reconciler.reconcile(maps, ns -> Map.of(), RejectedUpdate.KEEP, NOW.plusSeconds(60))).isEmpty();
  }
}
