package dev.relocator.imagemap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries in force, by the map that owns them, indexed for the consistency check by the
 * repository their {@code from} matches and the repository their {@code to} produces.
 */
final class AcceptedMaps {

  /** One entry and the map it belongs to. */
  record Owned(MapId owner, int index, Mapping mapping) {}

  private final Map<MapId, List<Mapping>> byOwner = new LinkedHashMap<>();
  private final Map<String, List<Owned>> byFromName = new HashMap<>();
  private final Map<String, List<Owned>> byToName = new HashMap<>();

  AcceptedMaps() {}

  /** Puts {@code owner}'s entries in force, replacing any it had. */
  void put(MapId owner, List<Mapping> entries) {
    remove(owner);
    byOwner.put(owner, List.copyOf(entries));
    for (int i = 0; i < entries.size(); i++) {
      Mapping m = entries.get(i);
      Owned owned = new Owned(owner, i, m);
      byFromName.computeIfAbsent(m.from().name(), k -> new ArrayList<>(2)).add(owned);
      byToName.computeIfAbsent(m.to().name(), k -> new ArrayList<>(2)).add(owned);
    }
  }

  void remove(MapId owner) {
    List<Mapping> old = byOwner.remove(owner);
    if (old == null) {
      return;
    }
    for (Mapping m : old) {
      removeOwned(byFromName, m.from().name(), owner);
      removeOwned(byToName, m.to().name(), owner);
    }
  }

  private static void removeOwned(Map<String, List<Owned>> index, String key, MapId owner) {
    List<Owned> list = index.get(key);
    if (list != null) {
      list.removeIf(o -> o.owner().equals(owner));
      if (list.isEmpty()) {
        index.remove(key);
      }
    }
  }

  List<Owned> withFromName(String name) {
    return byFromName.getOrDefault(name, List.of());
  }

  List<Owned> withToName(String name) {
    return byToName.getOrDefault(name, List.of());
  }

  /** The entries in force for {@code owner}, empty when it has none. */
  List<Mapping> entriesOf(MapId owner) {
    return byOwner.getOrDefault(owner, List.of());
  }

  Collection<MapId> owners() {
    return byOwner.keySet();
  }
}
