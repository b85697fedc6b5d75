package dev.relocator.imagemap;

import dev.relocator.image.ImageReference;
import dev.relocator.rewrite.RewriteRules;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An immutable snapshot of the mapping in force. For each namespace: the exact entries in force
 * of its ImageMaps and of the ClusterImageMaps whose selector matches it (ImageMaps first); for an
 * image none of them maps, the rewrite rules of those ImageMaps, then of those ClusterImageMaps,
 * each group oldest map first. Built from the maps' statuses, so every replica serves the same
 * mapping without a leader.
 */
public final class MappingCatalog {

  /** A namespace with this label set to {@code disabled} is never mutated. */
  public static final String OPT_OUT_LABEL = "relocator.dev/relocation";

  /** The opt-out label's value. */
  public static final String OPT_OUT_VALUE = "disabled";

  /** The catalog with no maps. */
  public static final MappingCatalog EMPTY = of(List.of(), ns -> Map.of());

  private record ClusterEntries(LabelSelector selector, List<Mapping> entries, RewriteRules rules) {}

  /**
   * A map that names pull secrets: its own mapping (entries and rules in force) tells whether it
   * is the map that relocated an image; {@code namespace} null for a ClusterImageMap.
   */
  private record SecretMap(String namespace, LabelSelector selector, ImageMapping own, List<String> secrets) {}

  private final List<SecretMap> secretMaps;

  private final Map<String, List<Mapping>> namespaced;
  private final Map<String, List<RewriteRules>> namespacedRules;
  private final List<ClusterEntries> cluster;
  private final Function<String, Map<String, String>> namespaceLabels;
  /**
   * The mappings built so far, shared: a namespace without ImageMaps of its own gets the mapping of
   * the cluster maps it selects, so the entries are copied once per selection rather than once per
   * namespace (and a review naming any namespace adds nothing).
   */
  private final Map<Selection, ImageMapping> built = new ConcurrentHashMap<>();

  /** What a namespace's mapping is made of: its own maps (by namespace, or null) and the cluster maps selected. */
  private record Selection(String namespace, BitSet clusterMaps) {}
  private final int entryCount;

  private MappingCatalog(
      Map<String, List<Mapping>> namespaced,
      Map<String, List<RewriteRules>> namespacedRules,
      List<ClusterEntries> cluster,
      Function<String, Map<String, String>> namespaceLabels,
      int entryCount,
      List<SecretMap> secretMaps) {
    this.secretMaps = List.copyOf(secretMaps);
    this.namespaced = namespaced;
    this.namespacedRules = namespacedRules;
    this.cluster = cluster;
    this.namespaceLabels = namespaceLabels;
    this.entryCount = entryCount;
  }

  /**
   * The catalog of the entries in force of {@code maps}.
   *
   * @param namespaceLabels the labels of a namespace, empty when unknown; called on every review
   *     (for the opt-out and the cluster maps' selectors), so it must be a cheap lookup that is
   *     safe to call from any thread
   */
  public static MappingCatalog of(
      Collection<MapState> maps, Function<String, Map<String, String>> namespaceLabels) {
    Map<String, List<Mapping>> namespaced = new HashMap<>();
    Map<String, List<RewriteRules>> namespacedRules = new HashMap<>();
    List<ClusterEntries> cluster = new ArrayList<>();
    List<SecretMap> secretMaps = new ArrayList<>();
    int count = 0;
    List<MapState> ordered = new ArrayList<>(maps);
    ordered.sort(java.util.Comparator.comparing(MapState::created).thenComparing(MapState::id));
    for (MapState m : ordered) {
      if (!m.hasAccepted()) {
        continue;
      }
      InForce inForce = m.status().inForce();
      List<Mapping> entries = inForce.entries();
      RewriteRules rules = inForce.rules() == null ? null : inForce.rules().rewrite();
      count += entries.size();
      if (!m.spec().pullSecrets().isEmpty()) {
        ImageMapping exact = entries.isEmpty() ? ImageMapping.NONE : ExactMapping.of(entries);
        secretMaps.add(new SecretMap(m.id().namespace(), m.id().isCluster() ? m.inForceSelector() : null,
            rules == null ? exact : new LayeredMapping(exact, List.of(rules)), m.spec().pullSecrets()));
      }
      if (m.id().isCluster()) {
        cluster.add(new ClusterEntries(m.inForceSelector(), entries, rules));
      } else {
        namespaced.computeIfAbsent(m.id().namespace(), k -> new ArrayList<>()).addAll(entries);
        if (rules != null) {
          namespacedRules.computeIfAbsent(m.id().namespace(), k -> new ArrayList<>()).add(rules);
        }
      }
    }
    return new MappingCatalog(namespaced, namespacedRules, cluster, namespaceLabels, count, secretMaps);
  }

  /** The mapping for pods in {@code namespace}; built once per snapshot and selection of maps. */
  public ImageMapping forNamespace(String namespace) {
    BitSet selected = new BitSet(cluster.size());
    if (!cluster.isEmpty()) {
      Map<String, String> labels = namespaceLabels.apply(namespace);
      for (int i = 0; i < cluster.size(); i++) {
        if (LabelSelectors.matches(cluster.get(i).selector(), labels)) {
          selected.set(i);
        }
      }
    }
    boolean own = namespaced.containsKey(namespace) || namespacedRules.containsKey(namespace);
    return built.computeIfAbsent(new Selection(own ? namespace : null, selected), this::build);
  }

  /**
   * The pull secrets of the maps in scope of {@code namespace} that relocate {@code original} to
   * {@code relocated} themselves, in map order (ImageMaps and ClusterImageMaps, oldest first);
   * empty when no such map names any.
   */
  public List<String> pullSecrets(String namespace, ImageReference original, ImageReference relocated) {
    if (secretMaps.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Map<String, String> labels = null;
    for (SecretMap s : secretMaps) {
      if (s.namespace() != null && !s.namespace().equals(namespace)) {
        continue;
      }
      if (s.namespace() == null) {
        labels = labels == null ? namespaceLabels.apply(namespace) : labels;
        if (!LabelSelectors.matches(s.selector(), labels)) {
          continue;
        }
      }
      if (s.own().relocate(original).filter(relocated::equals).isPresent()) {
        s.secrets().stream().filter(n -> !out.contains(n)).forEach(out::add);
      }
    }
    return out;
  }

  /** Whether {@code namespace} opted out of relocation by label. */
  public boolean optedOut(String namespace) {
    return OPT_OUT_VALUE.equals(namespaceLabels.apply(namespace).get(OPT_OUT_LABEL));
  }

  /** How many entries are in force, over all maps. */
  public int entryCount() {
    return entryCount;
  }

  private ImageMapping build(Selection selection) {
    String ns = selection.namespace();
    List<Mapping> entries = new ArrayList<>(ns == null ? List.of() : namespaced.getOrDefault(ns, List.of()));
    List<RewriteRules> rules = new ArrayList<>(ns == null ? List.of() : namespacedRules.getOrDefault(ns, List.of()));
    for (int i = selection.clusterMaps().nextSetBit(0); i >= 0; i = selection.clusterMaps().nextSetBit(i + 1)) {
      ClusterEntries c = cluster.get(i);
      entries.addAll(c.entries());
      if (c.rules() != null) {
        rules.add(c.rules());
      }
    }
    ImageMapping exact = entries.isEmpty() ? ImageMapping.NONE : ExactMapping.of(entries);
    return rules.isEmpty() ? exact : new LayeredMapping(exact, rules);
  }
}
