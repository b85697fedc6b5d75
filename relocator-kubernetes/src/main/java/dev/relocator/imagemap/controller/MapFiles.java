package dev.relocator.imagemap.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.relocator.Diagnostic;
import dev.relocator.JsonErrors;
import dev.relocator.imagemap.api.ClusterImageMap;
import dev.relocator.imagemap.api.ImageMap;
import dev.relocator.policy.Policy;
import dev.relocator.policy.api.ClusterImagePolicy;
import dev.relocator.policy.api.ImagePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ImageMap, ClusterImageMap, ClusterImagePolicy, ImagePolicy and Namespace documents from YAML or JSON text, several per file
 * as {@code kubectl apply -f} takes them. Pure: the caller reads the files.
 */
final class MapFiles {

  static final String API_VERSION = ImageMap.GROUP + "/" + ImageMap.VERSION;

  /**
   * Unknown keys in a spec or an entry fail the document, with a did-you-mean ({@code maps:} for
   * {@code map:}), as a strict API server refuses them: read as absent, a typo would withdraw the
   * map's entries. Metadata keeps unknown keys (fabric8's types collect them).
   */
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** What one read of a file, or of the whole directory, found. */
  static final class Contents {
    final List<ImageMap> imageMaps = new ArrayList<>();
    final List<ClusterImageMap> clusterMaps = new ArrayList<>();
    /** The valid ClusterImagePolicies and ImagePolicies, translated as they are read. */
    final List<Policy> policies = new ArrayList<>();
    final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    final List<Diagnostic> problems = new ArrayList<>();
    /** False when the text as a whole could not be read, so nothing in it is known. */
    boolean readable = true;

    /** How many maps this holds. */
    int mapCount() {
      return imageMaps.size() + clusterMaps.size();
    }

    /** Adds what {@code other} found, problems included. */
    void addAll(Contents other) {
      imageMaps.addAll(other.imageMaps);
      clusterMaps.addAll(other.clusterMaps);
      policies.addAll(other.policies);
      namespaceLabels.putAll(other.namespaceLabels);
      problems.addAll(other.problems);
    }
  }

  private MapFiles() {}

  /**
   * Adds the documents of {@code text}, read from {@code source}, to {@code into}. A map document
   * that names its map but no longer reads as one keeps that map's version in {@code previous}
   * (the last read of the same file, or null), as the API server keeps a map whose update its
   * schema refuses.
   */
  static void read(String source, String text, Contents into, Contents previous) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        docs.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      into.problems.add(Diagnostic.error(source, JsonErrors.line(e), "", JsonErrors.reason(e)));
      into.readable = false;
      return;
    }
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      String where = "documents[" + i + "]";
      if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
        continue;
      }
      if (!doc.isObject()) {
        into.problems.add(Diagnostic.error(source, 0, where, "expected a Kubernetes object"));
        continue;
      }
      String kind = doc.path("kind").asText("");
      String apiVersion = doc.path("apiVersion").asText("");
      String name = doc.path("metadata").path("name").asText("");
      if (name.isEmpty()) {
        into.problems.add(Diagnostic.error(source, 0, where + ".metadata.name", "is required"));
        continue;
      }
      try {
        switch (kind) {
          case "ImageMap" -> {
            requireApiVersion(apiVersion);
            ImageMap map = YAML.treeToValue(doc, ImageMap.class);
            if (map.getMetadata().getNamespace() == null || map.getMetadata().getNamespace().isEmpty()) {
              map.getMetadata().setNamespace("default");
            }
            into.imageMaps.add(map);
          }
          case "ClusterImageMap" -> {
            requireApiVersion(apiVersion);
            into.clusterMaps.add(YAML.treeToValue(doc, ClusterImageMap.class));
          }
          case "ClusterImagePolicy" -> {
            requireApiVersion(apiVersion);
            addPolicy(WirePolicies.translate(YAML.treeToValue(doc, ClusterImagePolicy.class)), source, where, into);
          }
          case "ImagePolicy" -> {
            requireApiVersion(apiVersion);
            ImagePolicy policy = YAML.treeToValue(doc, ImagePolicy.class);
            if (policy.getMetadata().getNamespace() == null || policy.getMetadata().getNamespace().isEmpty()) {
              policy.getMetadata().setNamespace("default");
            }
            addPolicy(WirePolicies.translate(policy), source, where, into);
          }
          case "Namespace" -> {
            Map<String, String> labels = new HashMap<>();
            doc.path("metadata").path("labels").properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            into.namespaceLabels.put(name, labels);
          }
          default -> into.problems.add(Diagnostic.warning(source, 0, where + ".kind",
              "\"" + kind + "\" ignored: expected ImageMap, ClusterImageMap, ClusterImagePolicy, ImagePolicy or Namespace"));
        }
      } catch (IOException | IllegalArgumentException e) {
        String problem = JsonErrors.reason(e);
        if (keepPrevious(kind, doc, previous, into)) {
          problem += "; keeping " + kind + " " + id(kind, doc) + " as last read";
        }
        into.problems.add(Diagnostic.error(source, 0, where, problem));
      }
    }
  }

  /** A policy translated once, as it is read; one that does not validate is a problem, not enforced. */
  private static void addPolicy(WirePolicies.Translation t, String source, String where, Contents into) {
    if (t.policy() != null) {
      into.policies.add(t.policy());
    } else {
      into.problems.add(Diagnostic.error(source, 0, where, t.problem() + "; the policy is not enforced"));
    }
  }

  /** Adds the previous version of the map {@code doc} names, when there is one. */
  private static boolean keepPrevious(String kind, JsonNode doc, Contents previous, Contents into) {
    if (previous == null) {
      return false;
    }
    String name = doc.path("metadata").path("name").asText("");
    if (kind.equals("ImageMap")) {
      String namespace = namespace(doc);
      for (ImageMap m : previous.imageMaps) {
        if (m.getMetadata().getName().equals(name) && m.getMetadata().getNamespace().equals(namespace)) {
          into.imageMaps.add(m);
          return true;
        }
      }
    } else if (kind.equals("ClusterImageMap")) {
      for (ClusterImageMap m : previous.clusterMaps) {
        if (m.getMetadata().getName().equals(name)) {
          into.clusterMaps.add(m);
          return true;
        }
      }
    }
    return false;
  }

  private static String id(String kind, JsonNode doc) {
    String name = doc.path("metadata").path("name").asText("");
    return kind.equals("ImageMap") ? namespace(doc) + "/" + name : name;
  }

  /** An ImageMap's namespace, {@code default} when the document names none (as kubectl does). */
  private static String namespace(JsonNode doc) {
    String ns = doc.path("metadata").path("namespace").asText("");
    return ns.isEmpty() ? "default" : ns;
  }

  private static void requireApiVersion(String apiVersion) {
    if (!API_VERSION.equals(apiVersion)) {
      throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\": expected " + API_VERSION);
    }
  }
}
