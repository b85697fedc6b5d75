package dev.relocator.imagemap;

import static dev.relocator.imagemap.Maps.spec;
import static dev.relocator.imagemap.Maps.state;
import static dev.relocator.imagemap.Maps.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ImageMapStatus;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.controller.WireMaps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");
  private static final MapId OLD = MapId.namespaced("demo", "old");
  private static final MapId NEW = MapId.namespaced("demo", "new");

  /** Runs passes, applying the statuses, until nothing changes. */
  private static List<MapState> settle(List<MapState> maps, RejectedUpdate policy) {
    return settle(maps, Map.of(), policy);
  }

  private static List<MapState> settle(
      List<MapState> maps, Map<String, Map<String, String>> labels, RejectedUpdate policy) {
    List<MapState> current = new ArrayList<>(maps);
    for (int pass = 0; pass < 5; pass++) {
      Map<MapId, MapStatus> changed =
          Reconciler.reconcile(current, ns -> labels.getOrDefault(ns, Map.of()), policy, NOW);
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

  /** The Ready condition as the edge writes it, so the assertions read the wire status. */
  private static Condition ready(MapState m) {
    return wire(m).getConditions().get(0);
  }

  private static ImageMapStatus wire(MapState m) {
    return WireMaps.toWire(m.status(), null);
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

  @ParameterizedTest(name = "{0} and {1} created in the same second: {2} wins")
  @CsvSource({
      "demo/zeta, demo/alpha, demo/alpha",
      "demo/alpha, demo/zeta, demo/alpha",
      "demo/alpha, base, base",
  })
  void mapsCreatedInTheSameSecondAreOrderedByIdClusterMapsFirstThenNamespaceAndName(
      String first, String second, String winner) {
    // No cheap true order exists (uid is random, resourceVersion changes with every write), so
    // ties are broken by id, the documented rule.
    List<MapState> maps = settle(List.of(
        state(id(first), 1, 10, spec("nginx", "reg.local/" + first + "/nginx")),
        state(id(second), 1, 10, spec("nginx", "reg.local/" + second + "/nginx"))), RejectedUpdate.KEEP);
    MapId won = id(winner);
    MapId lost = won.equals(id(first)) ? id(second) : id(first);
    assertThat(ready(find(maps, won)).getReason()).isEqualTo("Accepted");
    assertThat(ready(find(maps, lost)).getReason()).isEqualTo("Conflict");
    assertThat(ready(find(maps, lost)).getMessage()).contains(won.toString());
  }

  /** {@code ns/name} for an ImageMap, {@code name} for a ClusterImageMap. */
  private static MapId id(String text) {
    int slash = text.indexOf('/');
    return slash < 0 ? MapId.cluster(text) : MapId.namespaced(text.substring(0, slash), text.substring(slash + 1));
  }

  @Test
  void rejectedMapIsAcceptedOnceTheConflictingMapIsDeleted() {
    List<MapState> maps = settle(List.of(
        state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx")),
        state(NEW, 1, 20, spec("nginx", "reg.local/b/nginx"))), RejectedUpdate.KEEP);
    List<MapState> afterDelete = settle(List.of(find(maps, NEW)), RejectedUpdate.KEEP);
    assertThat(ready(afterDelete.get(0)).getStatus()).isEqualTo("True");
    assertThat(wire(afterDelete.get(0)).getAcceptedMap()).containsExactly(new MapEntry("nginx", "reg.local/b/nginx"));
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
    assertThat(wire(m).getAcceptedGeneration()).isEqualTo(1L);
    assertThat(wire(m).getObservedGeneration()).isEqualTo(2L);
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
    Map<MapId, MapStatus> changed =
        Reconciler.reconcile(current, ns -> labels.getOrDefault(ns, Map.of()), RejectedUpdate.KEEP, NOW);
    assertThat(WireMaps.toWire(changed.get(cluster), null).getConditions().get(0).getReason()).isEqualTo("Accepted");
    assertThat(WireMaps.toWire(changed.get(inA), null).getConditions().get(0).getReason()).isEqualTo("Conflict");
    assertThat(WireMaps.toWire(changed.get(inA), null).getConditions().get(0).getMessage()).contains("ClusterImageMap base");
    assertThat(WireMaps.toWire(changed.get(inB), null).getConditions().get(0).getReason()).isEqualTo("Accepted");
  }

  @Test
  void settledMapsNeedNoStatusWrite() {
    List<MapState> maps = settle(List.of(state(OLD, 1, 10, spec("nginx", "reg.local/a/nginx"))), RejectedUpdate.KEEP);
    assertThat(Reconciler.reconcile(maps, ns -> Map.of(), RejectedUpdate.KEEP, NOW.plusSeconds(60))).isEmpty();
  }

  private static final Map<String, Map<String, String>> B_IS_TEAM_B =
      Map.of("a", Map.of("team", "a"), "b", Map.of("team", "b"));
  private static final Map<String, Map<String, String>> B_IS_TEAM_A =
      Map.of("a", Map.of("team", "a"), "b", Map.of("team", "a"));

  private static MapState selecting(MapId id, int createdSecond, String team, MapSpec spec) {
    return new MapState(id, 1, Instant.ofEpochSecond(createdSecond), spec,
        new LabelSelectorBuilder().addToMatchLabels("team", team).build(), null);
  }

  private static Optional<String> served(
      List<MapState> maps, Map<String, Map<String, String>> labels, String ns, String image) {
    return MappingCatalog.of(maps, n -> labels.getOrDefault(n, Map.of())).forNamespace(ns)
        .relocate(ImageReference.parse(image)).map(ImageReference::familiarString);
  }

  /** The statuses of {@code maps} had they been created with {@code labels} already in place. */
  private static List<MapState> freshlySettled(List<MapState> maps, Map<String, Map<String, String>> labels) {
    List<MapState> unwritten = new ArrayList<>(maps);
    unwritten.replaceAll(m -> withStatus(m, null));
    return settle(unwritten, labels, RejectedUpdate.KEEP);
  }

  @ParameterizedTest(name = "cluster map created at {0}s, ImageMap at {1}s: {2} loses")
  @CsvSource({
      "5,  10, ImageMap",
      "20, 10, ClusterImageMap",
      // creationTimestamp has whole seconds: on a tie the id decides, ClusterImageMaps first.
      "10, 10, ImageMap",
  })
  void namespaceRelabelledIntoAClusterMapsSelectorRejectsTheNewerOfTwoConflictingMaps(
      int clusterCreated, int imageMapCreated, String loser) {
    MapId cluster = MapId.cluster("base");
    MapId inB = MapId.namespaced("b", "local");
    List<MapState> before = settle(List.of(
        selecting(cluster, clusterCreated, "a", spec("nginx", "reg.local/c/nginx")),
        state(inB, 1, imageMapCreated, spec("nginx", "reg.local/b/nginx"))), B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(ready(find(before, cluster)).getReason()).isEqualTo("Accepted");
    assertThat(ready(find(before, inB)).getReason()).isEqualTo("Accepted");

    List<MapState> relabelled = settle(before, B_IS_TEAM_A, RejectedUpdate.KEEP);
    MapId rejected = loser.equals("ImageMap") ? inB : cluster;
    MapId winner = rejected.equals(inB) ? cluster : inB;
    assertThat(ready(find(relabelled, winner)).getReason()).isEqualTo("Accepted");
    Condition conflict = ready(find(relabelled, rejected));
    assertThat(conflict.getStatus()).isEqualTo("False");
    assertThat(conflict.getReason()).isEqualTo("Conflict");
    assertThat(conflict.getMessage()).contains(winner.toString(), "nginx", "no generation is in force");
    assertThat(find(relabelled, rejected).hasAccepted()).isFalse();
    // The same status as when the maps meet in a namespace already labelled so.
    assertThat(find(relabelled, rejected).status())
        .isEqualTo(find(freshlySettled(before, B_IS_TEAM_A), rejected).status());
    String expected = winner.equals(cluster) ? "reg.local/c/nginx:1" : "reg.local/b/nginx:1";
    assertThat(served(relabelled, B_IS_TEAM_A, "b", "nginx:1")).contains(expected);

    List<MapState> undone = settle(relabelled, B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(ready(find(undone, cluster)).getReason()).isEqualTo("Accepted");
    assertThat(ready(find(undone, inB)).getReason()).isEqualTo("Accepted");
    assertThat(served(undone, B_IS_TEAM_B, "b", "nginx:1")).contains("reg.local/b/nginx:1");
    assertThat(served(undone, B_IS_TEAM_B, "a", "nginx:1")).contains("reg.local/c/nginx:1");
  }

  @Test
  void namespaceRelabelledOutOfAClusterMapsSelectorClearsTheConflict() {
    MapId cluster = MapId.cluster("base");
    MapId inB = MapId.namespaced("b", "local");
    List<MapState> conflicting = settle(List.of(
        selecting(cluster, 5, "a", spec("nginx", "reg.local/c/nginx")),
        state(inB, 1, 10, spec("nginx", "reg.local/b/nginx"))), B_IS_TEAM_A, RejectedUpdate.KEEP);
    assertThat(ready(find(conflicting, inB)).getReason()).isEqualTo("Conflict");
    List<MapState> relabelled = settle(conflicting, B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(ready(find(relabelled, inB)).getReason()).isEqualTo("Accepted");
    assertThat(ready(find(relabelled, cluster)).getReason()).isEqualTo("Accepted");
  }

  @Test
  void relabellingThatMakesAChainAcrossMapsRejectsTheNewer() {
    MapId cluster = MapId.cluster("base");
    MapId inB = MapId.namespaced("b", "local");
    List<MapState> before = settle(List.of(
        selecting(cluster, 5, "a", spec("nginx", "reg.local/c/nginx")),
        state(inB, 1, 10, spec("reg.local/c/nginx", "reg.local/b/nginx"))), B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(ready(find(before, inB)).getReason()).isEqualTo("Accepted");
    List<MapState> relabelled = settle(before, B_IS_TEAM_A, RejectedUpdate.KEEP);
    assertThat(ready(find(relabelled, inB)).getReason()).isEqualTo("Conflict");
    assertThat(ready(find(relabelled, inB)).getMessage()).contains("chains are not allowed");
    assertThat(ready(find(relabelled, cluster)).getReason()).isEqualTo("Accepted");
  }

  @Test
  void keptGenerationYieldsToASettledMapWhenARelabellingMakesThemConflict() {
    // The ImageMap is older, but its current generation is a rejected update: the generation it
    // keeps in force gives way rather than a map whose current spec was accepted.
    MapId cluster = MapId.cluster("base");
    MapId inB = MapId.namespaced("b", "local");
    List<MapState> before = settle(List.of(
        selecting(cluster, 20, "a", spec("nginx", "reg.local/c/nginx", "redis", "reg.local/c/redis")),
        state(inB, 1, 10, spec("nginx", "reg.local/b/nginx"))), B_IS_TEAM_B, RejectedUpdate.KEEP);
    MapState local = find(before, inB);
    MapState edited = new MapState(inB, 2, local.created(), spec("nginx", "reg.local/b/nginx", "busybox", "busybox"),
        null, local.status());
    List<MapState> rejectedEdit = settle(List.of(find(before, cluster), edited), B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(ready(find(rejectedEdit, inB)).getMessage()).contains("generation 1 stays in force");

    List<MapState> relabelled = settle(rejectedEdit, B_IS_TEAM_A, RejectedUpdate.KEEP);
    assertThat(ready(find(relabelled, cluster)).getReason()).isEqualTo("Accepted");
    assertThat(ready(find(relabelled, inB)).getMessage()).contains("no generation is in force");
    assertThat(served(relabelled, B_IS_TEAM_A, "b", "nginx:1")).contains("reg.local/c/nginx:1");
  }

  @Test
  void rejectedSelectorEditOfAClusterMapKeepsThePreviousSelectorInForce() {
    MapId cluster = MapId.cluster("base");
    MapId inB = MapId.namespaced("b", "local");
    List<MapState> before = settle(List.of(
        selecting(cluster, 5, "a", spec("nginx", "reg.local/c/nginx")),
        state(inB, 1, 10, spec("nginx", "reg.local/b/nginx"))), B_IS_TEAM_B, RejectedUpdate.KEEP);
    MapState base = find(before, cluster);
    // The edit would select b, where the ImageMap maps nginx elsewhere: rejected.
    MapState edited = new MapState(cluster, 2, base.created(), base.spec(),
        new LabelSelectorBuilder().addToMatchLabels("team", "b").build(), base.status());
    List<MapState> after = settle(List.of(edited, find(before, inB)), B_IS_TEAM_B, RejectedUpdate.KEEP);

    assertThat(ready(find(after, cluster)).getReason()).isEqualTo("Conflict");
    assertThat(ready(find(after, cluster)).getMessage()).contains("generation 1 stays in force");
    assertThat(ready(find(after, inB)).getReason()).isEqualTo("Accepted");
    // Generation 1 in force means its selector too: namespace a keeps the mapping, b gets only its own.
    assertThat(served(after, B_IS_TEAM_B, "a", "nginx:1")).contains("reg.local/c/nginx:1");
    assertThat(served(after, B_IS_TEAM_B, "b", "nginx:1")).contains("reg.local/b/nginx:1");
  }

  @Test
  void clusterMapWithoutSelectorRecordsThatItSelectsEveryNamespace() {
    MapId cluster = MapId.cluster("everywhere");
    List<MapState> settled = settle(List.of(new MapState(cluster, 1, Instant.ofEpochSecond(5),
        spec("nginx", "reg.local/c/nginx"), null, null)), B_IS_TEAM_B, RejectedUpdate.KEEP);
    assertThat(wire(find(settled, cluster)).getAcceptedNamespaceSelector()).isEqualTo(new LabelSelector());
    assertThat(served(settled, B_IS_TEAM_B, "b", "nginx:1")).contains("reg.local/c/nginx:1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      operator missing    | team |        |   | operator: is required
      unknown operator    | team | Equals | a | operator: "Equals" is not In, NotIn, Exists or DoesNotExist
      In without values   | team | In     |   | values: In needs at least one value
      Exists with a value | team | Exists | a | values: Exists takes no values
      key missing         |      | Exists |   | key: is required
      """)
  void clusterMapWithASelectorTheApiServerWouldRefuseIsInvalidAndAppliesNowhere(
      String name, String key, String operator, String value, String problem) {
    // The CRD's schema cannot say which operators exist, so such selectors reach the controller.
    MapId cluster = MapId.cluster("odd");
    MapId inB = MapId.namespaced("b", "local");
    LabelSelector odd = new LabelSelectorBuilder().addNewMatchExpression()
        .withKey(key).withOperator(operator).withValues(value == null ? List.of() : List.of(value))
        .endMatchExpression().build();
    List<MapState> settled = settle(List.of(
        state(inB, 1, 5, spec("nginx", "reg.local/b/nginx")),
        new MapState(cluster, 1, Instant.ofEpochSecond(10),
            spec("nginx", "reg.local/c/nginx", "redis", "reg.local/c/redis"), odd, null)),
        B_IS_TEAM_B, RejectedUpdate.KEEP);

    Condition invalid = ready(find(settled, cluster));
    assertThat(invalid.getReason()).isEqualTo("Invalid");
    assertThat(invalid.getMessage()).startsWith("spec.namespaceSelector.matchExpressions[0]." + problem);
    assertThat(ready(find(settled, inB)).getReason()).isEqualTo("Accepted");
    assertThat(served(settled, B_IS_TEAM_B, "b", "nginx:1")).contains("reg.local/b/nginx:1");
    assertThat(served(settled, B_IS_TEAM_B, "a", "redis:1")).isEmpty();
  }
}
