package dev.relocator.imagemap;

import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.api.RewriteRuleSpec;
import dev.relocator.imagemap.controller.WireMaps;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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

  /** The ImageMap {@code namespace/name} with {@code spec}, as a client would create it. */
  public static ImageMap imageMap(String namespace, String name, ImageMapSpec spec) {
    ImageMap map = new ImageMap();
    map.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    map.setSpec(spec);
    return map;
  }

  /** The ImageMap {@code namespace/name} from pairs: {@code imageMap("demo", "app", "nginx", "reg.local/nginx")}. */
  public static ImageMap imageMap(String namespace, String name, String... fromTo) {
    return imageMap(namespace, name, wire(fromTo));
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
