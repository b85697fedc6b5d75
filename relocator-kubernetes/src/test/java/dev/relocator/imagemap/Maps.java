package dev.relocator.imagemap;

import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.ImageMapStatus;
import dev.relocator.imagemap.api.MapEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders for ImageMap specs and states in tests. */
public final class Maps {

  private Maps() {}

  /** A spec from pairs: {@code spec("nginx", "reg.local/nginx", "redis", "reg.local/redis")}. */
  public static ImageMapSpec spec(String... fromTo) {
    ImageMapSpec spec = new ImageMapSpec();
    List<MapEntry> entries = new ArrayList<>();
    for (int i = 0; i < fromTo.length; i += 2) {
      entries.add(new MapEntry(fromTo[i], fromTo[i + 1]));
    }
    spec.setMap(entries);
    return spec;
  }

  public static MapState state(MapId id, long generation, int createdSecond, ImageMapSpec spec) {
    return new MapState(id, generation, Instant.ofEpochSecond(createdSecond), spec, null, null);
  }

  public static MapState withStatus(MapState m, ImageMapStatus status) {
    return new MapState(m.id(), m.generation(), m.created(), m.spec(), m.selector(), status);
  }
}
