package dev.relocator.imagemap.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.relocator.image.ImageReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the ImageMap or ClusterImageMap that maps each original image to its relocation, as YAML
 * that {@code kubectl apply} and {@code relocator serve --maps} read.
 */
public final class ImageMapManifests {

  /** A namespace name: an RFC 1123 label, as the API server requires. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final int DNS_LABEL_MAX = 63;
  /** An object name: an RFC 1123 subdomain (dot-separated labels), as the API server requires. */
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int DNS_SUBDOMAIN_MAX = 253;

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .serializationInclusion(JsonInclude.Include.NON_EMPTY)
      .build();

  /** Where a generated map applies: the pods of one namespace, or of every namespace. */
  public sealed interface Scope permits Namespaced, Cluster {
    /** The map's {@code metadata.name}. */
    String name();
  }

  /** An ImageMap {@code name} in {@code namespace}: applies to that namespace's pods. */
  public record Namespaced(String namespace, String name) implements Scope {
    public Namespaced {
      requireName("namespace", namespace, DNS_LABEL, DNS_LABEL_MAX);
      requireName("name", name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_MAX);
    }
  }

  /** A ClusterImageMap {@code name} without selector: applies to every namespace's pods. */
  public record Cluster(String name) implements Scope {
    public Cluster {
      requireName("name", name, DNS_SUBDOMAIN, DNS_SUBDOMAIN_MAX);
    }
  }

  private ImageMapManifests() {}

  /**
   * The map of {@code entries} in {@code scope}. Entries whose {@code from} names one image (as
   * references compare, so {@code nginx:1} and {@code docker.io/library/nginx:1} are one) are
   * written once; two that send it to different places are refused, as the controller would.
   *
   * @throws IllegalArgumentException for an entry that does not parse, or such a conflict
   */
  public static HasMetadata map(Scope scope, List<MapEntry> entries) {
    List<MapEntry> distinct = distinct(entries);
    if (scope instanceof Namespaced namespaced) {
      ImageMap map = new ImageMap();
      map.setMetadata(new ObjectMetaBuilder().withName(namespaced.name()).withNamespace(namespaced.namespace()).build());
      map.getSpec().setMap(distinct);
      return map;
    }
    ClusterImageMap map = new ClusterImageMap();
    map.setMetadata(new ObjectMetaBuilder().withName(scope.name()).build());
    map.getSpec().setMap(distinct);
    return map;
  }

  /** {@link #map} as one YAML document. */
  public static String yaml(Scope scope, List<MapEntry> entries) {
    try {
      return YAML.writeValueAsString(map(scope, entries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write ImageMap YAML", e);
    }
  }

  private static List<MapEntry> distinct(List<MapEntry> entries) {
    Map<ImageReference, MapEntry> byFrom = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      MapEntry entry = entries.get(i);
      ImageReference from = ImageReference.parseField(entry.getFrom(), "map[" + i + "].from");
      ImageReference to = ImageReference.parseField(entry.getTo(), "map[" + i + "].to");
      MapEntry known = byFrom.putIfAbsent(from, entry);
      if (known != null && !ImageReference.parseField(known.getTo(), "to").equals(to)) {
        throw new IllegalArgumentException("image " + entry.getFrom() + " is relocated to two places: "
            + known.getTo() + " and " + entry.getTo());
      }
    }
    return new ArrayList<>(byFrom.values());
  }

  private static void requireName(String what, String value, Pattern grammar, int max) {
    if (value == null || value.length() > max || !grammar.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid " + what + " \"" + value + "\": expected at most " + max
          + " lowercase letters, digits and '-'" + (grammar == DNS_SUBDOMAIN ? " (and '.')" : "")
          + ", starting and ending with a letter or digit");
    }
  }
}
