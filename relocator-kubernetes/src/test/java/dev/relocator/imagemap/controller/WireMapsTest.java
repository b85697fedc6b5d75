package dev.relocator.imagemap.controller;

import static dev.relocator.imagemap.Maps.wire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapStatus;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.api.RewriteRuleSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one translation between the CRD classes and the consistency logic. */
class WireMapsTest {

  private static final MapId ID = MapId.namespaced("demo", "app");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final WireMaps wireMaps = new WireMaps(meters);

  private static ImageMap map(ImageMapStatus status) {
    ImageMap map = new ImageMap();
    map.setMetadata(new ObjectMetaBuilder().withNamespace("demo").withName("app").withGeneration(1L).build());
    map.setSpec(wire("nginx", "reg.local/nginx"));
    map.setStatus(status);
    return map;
  }

  @Test
  void storedEntryThatNoLongerParsesIsLeftOutAndCounted() {
    ImageMapStatus stored = new ImageMapStatus();
    stored.setAcceptedGeneration(1L);
    stored.setAcceptedMap(List.of(new MapEntry("Nginx", "reg.local/nginx"), new MapEntry("redis", "reg.local/redis")));
    MapStatus status = wireMaps.state(map(stored)).status();
    assertThat(status.inForce().entries()).extracting(m -> m.from().familiarString()).containsExactly("redis");
    assertThat(meters.counter("relocator.imagemap.entries.unparsable").count()).isEqualTo(1.0);
  }

  @Test
  void acceptedStatusKeepsTheCanonicalTextOfEachEntry() {
    ImageMap map = map(null);
    map.setSpec(wire("docker.io/library/nginx:1.25", "reg.local:5000/mirror/nginx:1.25"));
    var state = wireMaps.state(map);
    MapStatus next = Reconciler.reconcile(List.of(state), ns -> Map.of(), RejectedUpdate.KEEP, Instant.EPOCH)
        .get(ID);
    ImageMapStatus written = WireMaps.toWire(next, null);
    assertThat(written.getAcceptedMap()).containsExactly(new MapEntry("nginx:1.25", "reg.local:5000/mirror/nginx:1.25"));
    assertThat(wireMaps.state(map(written)).status()).isEqualTo(next);
  }

  @Test
  void rulesAreBuiltFromTheSpecObjectsAndWrittenBackAsGiven() {
    RewriteRuleSpec rule = new RewriteRuleSpec();
    rule.setOverwriteRegistry("reg.local:5000/mirror");
    rule.setExclude(List.of("reg.local:5000/**"));
    ImageMap map = map(null);
    map.getSpec().setRules(List.of(rule));
    var state = wireMaps.state(map);
    assertThat(state.spec().rules().rewrite().rules()).hasSize(1);
    MapStatus next = Reconciler.reconcile(List.of(state), ns -> Map.of(), RejectedUpdate.KEEP, Instant.EPOCH)
        .get(ID);
    assertThat(WireMaps.toWire(next, null).getAcceptedRules()).containsExactly(rule);
  }
}
