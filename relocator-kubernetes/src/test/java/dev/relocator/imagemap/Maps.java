package dev.relocator.imagemap;

import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.api.RewriteRuleSpec;
import dev.relocator.imagemap.controller.WireMaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders for ImageMap specs and states in tests. */
public final class Maps {

  private Maps() {}

  /** A wire spec from pairs: {@code wire("nginx", "reg.local/nginx", "redis", "reg.local/redis")}. */
  public static ImageMapSpec wire(String... fromTo) {
    ImageMapSpec spec = new ImageMapSpec();
    List<MapEntry> entries = new ArrayList<>();
    for (int i = 0; i < fromTo.length; i += 2) {
      entries.add(new MapEntry(fromTo[i], fromTo[i + 1]));
    }
    spec.setMap(entries);
    return spec;
  }

  /** The same spec as the consistency logic reads it, translated as the map sources do. */
  public static MapSpec spec(String... fromTo) {
    return WireMaps.spec(MapId.namespaced("test", "spec"), wire(fromTo));
  }

  /** A spec with rewrite rules, translated as the map sources do. */
  public static MapSpec spec(List<RewriteRuleSpec> rules, String... fromTo) {
    ImageMapSpec spec = wire(fromTo);
    spec.setRules(rules);
    return WireMaps.spec(MapId.namespaced("test", "spec"), spec);
  }

  public static MapState state(MapId id, long generation, int createdSecond, MapSpec spec) {
    return new MapState(id, generation, Instant.ofEpochSecond(createdSecond), spec, null, null);
  }

  public static MapState withStatus(MapState m, MapStatus status) {
    return m.withStatus(status);
  }
}
