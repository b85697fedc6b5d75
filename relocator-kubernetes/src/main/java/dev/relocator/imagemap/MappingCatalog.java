package dev.relocator.imagemap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An immutable snapshot of the mapping in force: for each namespace, the entries in force of its
 * ImageMaps (first) and of the ClusterImageMaps whose selector matches it. Built from the maps'
 * statuses, so every replica serves the same mapping without a leader.
 */
public final class MappingCatalog {

  /** A namespace with this label set to {@code disabled} is never mutated. */
  public static final String OPT_OUT_LABEL = "relocator.dev/relocation";

  /** The opt-out label's value. */
  public static final String OPT_OUT_VALUE = "disabled";

  /** The catalog with no maps. */
  public static final MappingCatalog EMPTY = of(List.of(), ns -> Map.of());

  private record ClusterEntries(LabelSelector selector, List<Mapping> entries) {}

  private final Map<String, List<Mapping>> namespaced;
  private final List<ClusterEntries> cluster;
  private final Function<String, Map<String, String>> namespaceLabels;
  private final Map<String, ImageMapping> byNamespace = new ConcurrentHashMap<>();
  private final int entryCount;

  private MappingCatalog(
      Map<String, List<Mapping>> namespaced,
      List<ClusterEntries> cluster,
      Function<String, Map<String, String>> namespaceLabels,
      int entryCount) {
    this.namespaced = namespaced;
    this.cluster = cluster;
    this.namespaceLabels = namespaceLabels;
    this.entryCount = entryCount;
  }

  /**
   * The catalog of the entries in force of {@code maps}.
   *
   * @param namespaceLabels the labels of a namespace, empty when unknown; called again for each
   *     namespace the first time it is served, so it must be safe to call from any thread
   */
  public static MappingCatalog of(
      Collection<MapState> maps, Function<String, Map<String, String>> namespaceLabels) {
    Map<String, List<Mapping>> namespaced = new HashMap<>();
    List<ClusterEntries> cluster = new ArrayList<>();
    int count = 0;
    List<MapState> ordered = new ArrayList<>(maps);
    ordered.sort(java.util.Comparator.comparing(MapState::created).thenComparing(MapState::id));
    for (MapState m : ordered) {
      if (!m.hasAccepted()) {
        continue;
      }
      List<Mapping> entries = EntryParser.parseLenient(m.status().getAcceptedMap());
      count += entries.size();
      if (m.id().isCluster()) {
        cluster.add(new ClusterEntries(m.selector(), entries));
      } else {
        namespaced.computeIfAbsent(m.id().namespace(), k -> new ArrayList<>()).addAll(entries);
      }
    }
    return new MappingCatalog(namespaced, cluster, namespaceLabels, count);
  }

  /** The mapping for pods in {@code namespace}; built once per snapshot and namespace. */
  public ImageMapping forNamespace(String namespace) {
    return byNamespace.computeIfAbsent(namespace, this::build);
  }

  /** Whether {@code namespace} opted out of relocation by label. */
  public boolean optedOut(String namespace) {
    return OPT_OUT_VALUE.equals(namespaceLabels.apply(namespace).get(OPT_OUT_LABEL));
  }

  /** How many entries are in force, over all maps. */
  public int entryCount() {
    return entryCount;
  }

  private ImageMapping build(String namespace) {
    List<Mapping> entries = new ArrayList<>(namespaced.getOrDefault(namespace, List.of()));
    Map<String, String> labels = cluster.isEmpty() ? Map.of() : namespaceLabels.apply(namespace);
    for (ClusterEntries c : cluster) {
      if (LabelSelectors.matches(c.selector(), labels)) {
        entries.addAll(c.entries());
      }
    }
    return entries.isEmpty() ? ImageMapping.NONE : ExactMapping.of(entries);
  }
}
