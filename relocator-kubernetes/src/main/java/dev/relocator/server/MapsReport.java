package dev.relocator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.Diagnostic;
import dev.relocator.imagemap.MapSource;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.api.MapEntry;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The JSON document {@code GET /maps} answers: every map, its Ready condition, what is in force. */
final class MapsReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MapsReport() {}

  static byte[] render(MapSource source) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode maps = root.putArray("maps");
    for (MapState m : source.maps()) {
      ObjectNode n = maps.addObject();
      n.put("kind", m.id().isCluster() ? "ClusterImageMap" : "ImageMap");
      if (!m.id().isCluster()) {
        n.put("namespace", m.id().namespace());
      }
      n.put("name", m.id().name());
      n.put("generation", m.generation());
      List<Condition> conditions = m.status().getConditions();
      if (conditions != null && !conditions.isEmpty()) {
        Condition ready = conditions.get(0);
        n.put("ready", ready.getStatus());
        n.put("reason", ready.getReason());
        n.put("message", ready.getMessage());
      }
      if (m.status().getAcceptedGeneration() != null) {
        n.put("acceptedGeneration", m.status().getAcceptedGeneration());
        ArrayNode entries = n.putArray("inForce");
        for (MapEntry e : m.status().getAcceptedMap()) {
          entries.addObject().put("from", e.getFrom()).put("to", e.getTo());
        }
      }
    }
    ArrayNode problems = root.putArray("problems");
    for (Diagnostic d : source.problems()) {
      problems.add(d.toString());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("serialising a tree of strings cannot fail", e);
    }
  }

  static WebhookMetrics.MapCounts counts(MapSource source) {
    int accepted = 0;
    int rejected = 0;
    for (MapState m : source.maps()) {
      List<Condition> c = m.status().getConditions();
      if (c != null && !c.isEmpty() && "True".equals(c.get(0).getStatus())) {
        accepted++;
      } else if (c != null && !c.isEmpty()) {
        rejected++;
      }
    }
    return new WebhookMetrics.MapCounts(accepted, rejected);
  }
}
