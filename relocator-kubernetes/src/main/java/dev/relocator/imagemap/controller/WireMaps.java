package dev.relocator.imagemap.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.InForce;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapRules;
import dev.relocator.imagemap.MapSpec;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.Mapping;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ClusterImageMapSpec;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.imagemap.api.ImageMapSpec;
import dev.relocator.imagemap.api.ImageMapStatus;
import dev.relocator.imagemap.api.MapEntry;
import dev.relocator.imagemap.api.RewriteRuleSpec;
import dev.relocator.rewrite.InvalidRulesException;
import dev.relocator.rewrite.RewriteRules;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one translation between the CRD wire classes and the consistency logic's values: specs are
 * parsed here (entries and rules, once per version of a map), and statuses go back out with the
 * canonical text of their entries. A stored entry or rule that no longer parses (written by an
 * older version) is left out of what is served, logged at WARN and counted in
 * {@code relocator.imagemap.entries.unparsable}.
 */
public final class WireMaps {

  private static final Logger LOG = LoggerFactory.getLogger(WireMaps.class);
  private static final ObjectMapper VALUES =
      new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private final Counter unparsable;

  /** A translator that counts unparsable stored entries in {@code meters}. */
  public WireMaps(MeterRegistry meters) {
    this.unparsable = Counter.builder("relocator.imagemap.entries.unparsable")
        .description("Entries and rule sets in force in a stored status that no longer parse, left out")
        .register(meters);
  }

  /** The state of an ImageMap read from the API server or a file. */
  public MapState state(ImageMap map) {
    ObjectMeta meta = map.getMetadata();
    MapId id = MapId.namespaced(meta.getNamespace(), meta.getName());
    return new MapState(id, generation(meta), created(meta), spec(id, map.getSpec()), null, status(id, map.getStatus()));
  }

  /** The state of a ClusterImageMap read from the API server or a file. */
  public MapState state(ClusterImageMap map) {
    ObjectMeta meta = map.getMetadata();
    MapId id = MapId.cluster(meta.getName());
    ClusterImageMapSpec spec = map.getSpec();
    return new MapState(id, generation(meta), created(meta), spec(id, spec),
        spec == null ? null : spec.getNamespaceSelector(), status(id, map.getStatus()));
  }

  /** {@code spec} parsed: entries and rules, or the first problem with each; and its pull secrets. */
  public static MapSpec spec(MapId id, ImageMapSpec spec) {
    if (spec == null) {
      return MapSpec.MISSING;
    }
    List<String> secrets = new ArrayList<>();
    if (spec.getImagePullSecrets() != null) {
      spec.getImagePullSecrets().stream()
          .filter(r -> r != null && r.getName() != null && !r.getName().isBlank())
          .map(r -> r.getName().trim())
          .distinct()
          .forEach(secrets::add);
    }
    return parsed(id, spec).withPullSecrets(secrets);
  }

  private static MapSpec parsed(MapId id, ImageMapSpec spec) {
    List<MapSpec.Entry> entries = null;
    if (spec.getMap() != null) {
      entries = new ArrayList<>(spec.getMap().size());
      for (MapEntry e : spec.getMap()) {
        entries.add(e == null ? null : new MapSpec.Entry(e.getFrom(), e.getTo()));
      }
    }
    List<RewriteRuleSpec> rules = spec.getRules();
    if (rules == null || rules.isEmpty()) {
      return MapSpec.of(entries, null, null);
    }
    try {
      return MapSpec.of(entries, rules(id, rules), null);
    } catch (InvalidRulesException e) {
      return MapSpec.of(entries, null, firstError(e));
    }
  }

  /** The rules built from the spec's objects, by the rewrite engine's own checks; throws if invalid. */
  static MapRules rules(MapId id, List<RewriteRuleSpec> rules) {
    List<Map<String, Object>> fields = new ArrayList<>(rules.size());
    for (RewriteRuleSpec r : rules) {
      fields.add(r == null ? Map.of() : VALUES.convertValue(r, FIELDS));
    }
    return new MapRules(RewriteRules.of(id.toString(), fields), fields);
  }

  /** The first error as an {@code Invalid} message, with the spec's field path. */
  private static String firstError(InvalidRulesException e) {
    return e.diagnostics().stream()
        .filter(Diagnostic::isError)
        .findFirst()
        .map(d -> "spec." + d.path() + ": " + d.message())
        .orElse("spec.rules: " + e.getMessage());
  }

  /** The status as the pass reads it; what no longer parses is left out, logged and counted. */
  MapStatus status(MapId id, ImageMapStatus wire) {
    if (wire == null) {
      return MapStatus.NONE;
    }
    MapStatus.Ready ready = null;
    if (wire.getConditions() != null) {
      for (Condition c : wire.getConditions()) {
        if (c != null && Reconciler.READY.equals(c.getType())
            && ("True".equals(c.getStatus()) || "False".equals(c.getStatus()))) {
          ready = new MapStatus.Ready("True".equals(c.getStatus()), c.getReason(), c.getMessage(),
              c.getObservedGeneration(), c.getLastTransitionTime());
          break;
        }
      }
    }
    InForce inForce = null;
    if (wire.getAcceptedGeneration() != null) {
      inForce = new InForce(wire.getAcceptedGeneration(), storedEntries(id, wire.getAcceptedMap()),
          storedRules(id, wire.getAcceptedRules()), wire.getAcceptedNamespaceSelector());
    }
    return new MapStatus(wire.getObservedGeneration(), ready, inForce);
  }

  private List<Mapping> storedEntries(MapId id, List<MapEntry> stored) {
    List<Mapping> entries = new ArrayList<>();
    if (stored == null) {
      return entries;
    }
    for (int i = 0; i < stored.size(); i++) {
      MapEntry e = stored.get(i);
      try {
        entries.add(new Mapping(ImageReference.parse(e.getFrom()), ImageReference.parse(e.getTo())));
      } catch (RuntimeException skipped) {
        // Valid when accepted; a stricter parser must not stop the other entries being served.
        unparsable.increment();
        LOG.warn("{}: status.acceptedMap[{}] ({}) no longer parses and is not served: {}",
            id, i, e, skipped.getMessage());
      }
    }
    return entries;
  }

  private MapRules storedRules(MapId id, List<RewriteRuleSpec> stored) {
    if (stored == null || stored.isEmpty()) {
      return null;
    }
    try {
      return rules(id, stored);
    } catch (RuntimeException e) {
      unparsable.increment();
      LOG.warn("{}: status.acceptedRules no longer validate and are not served: {}", id,
          e instanceof InvalidRulesException invalid ? firstError(invalid) : e.getMessage());
      return null;
    }
  }

  /**
   * The wire status for {@code status}: the entries in force as canonical text, the rules as the
   * spec gave them, and the conditions of {@code current} other than {@code Ready} kept.
   */
  public static ImageMapStatus toWire(MapStatus status, ImageMapStatus current) {
    ImageMapStatus wire = new ImageMapStatus();
    wire.setObservedGeneration(status.observedGeneration());
    List<Condition> conditions = new ArrayList<>();
    MapStatus.Ready ready = status.ready();
    if (ready != null) {
      conditions.add(new ConditionBuilder()
          .withType(Reconciler.READY)
          .withStatus(ready.status() ? "True" : "False")
          .withReason(ready.reason())
          .withMessage(ready.message())
          .withObservedGeneration(ready.observedGeneration())
          .withLastTransitionTime(ready.lastTransitionTime())
          .build());
    }
    if (current != null && current.getConditions() != null) {
      current.getConditions().stream()
          .filter(c -> c != null && !Reconciler.READY.equals(c.getType()))
          .forEach(conditions::add);
    }
    wire.setConditions(conditions);
    InForce inForce = status.inForce();
    if (inForce != null) {
      wire.setAcceptedGeneration(inForce.generation());
      List<MapEntry> entries = new ArrayList<>();
      for (Mapping m : inForce.entries()) {
        entries.add(new MapEntry(m.from().familiarString(), m.to().familiarString()));
      }
      wire.setAcceptedMap(entries);
      if (inForce.rules() != null) {
        List<RewriteRuleSpec> rules = new ArrayList<>();
        for (Map<String, Object> fields : inForce.rules().fields()) {
          rules.add(VALUES.convertValue(fields, RewriteRuleSpec.class));
        }
        wire.setAcceptedRules(rules);
      }
      wire.setAcceptedNamespaceSelector(inForce.selector());
    }
    return wire;
  }

  /** A copy of {@code status} with {@code condition} in place of any of its type. */
  public static ImageMapStatus withCondition(ImageMapStatus status, Condition condition) {
    ImageMapStatus copy = VALUES.convertValue(status, ImageMapStatus.class);
    List<Condition> conditions = new ArrayList<>();
    if (copy.getConditions() != null) {
      copy.getConditions().stream().filter(c -> c != null && !condition.getType().equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(condition);
    copy.setConditions(conditions);
    return copy;
  }

  private static long generation(ObjectMeta meta) {
    return meta.getGeneration() == null ? 1 : meta.getGeneration();
  }

  private static Instant created(ObjectMeta meta) {
    String ts = meta.getCreationTimestamp();
    return ts == null || ts.isEmpty() ? Instant.EPOCH : OffsetDateTime.parse(ts).toInstant();
  }
}
