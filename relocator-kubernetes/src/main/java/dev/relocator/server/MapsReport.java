package dev.relocator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relocator.Diagnostic;
import dev.relocator.imagemap.InForce;
import dev.relocator.imagemap.MapSource;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.Mapping;

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
      MapStatus.Ready ready = m.status().ready();
      if (ready != null) {
        n.put("ready", ready.status() ? "True" : "False");
        n.put("reason", ready.reason());
        n.put("message", ready.message());
      }
      InForce inForce = m.status().inForce();
      if (inForce != null) {
        n.put("acceptedGeneration", inForce.generation());
        ArrayNode entries = n.putArray("inForce");
        for (Mapping e : inForce.entries()) {
          entries.addObject().put("from", e.from().familiarString()).put("to", e.to().familiarString());
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
      MapStatus.Ready ready = m.status().ready();
      if (ready != null && ready.status()) {
        accepted++;
      } else if (ready != null) {
        rejected++;
      }
    }
    return new WebhookMetrics.MapCounts(accepted, rejected);
  }
}
