package dev.relocator.imagemap.controller;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The namespaces' labels by name, as the consistency pass, the mapping and the policies ask for
 * them: an immutable copy, empty for a namespace that is not known.
 */
final class NamespaceLabels implements Function<String, Map<String, String>> {

  private final Map<String, Map<String, String>> byName;

  private NamespaceLabels(Map<String, Map<String, String>> byName) {
    this.byName = byName;
  }

  /** The labels of {@code namespaces}, as the API server lists them. */
  static NamespaceLabels of(Iterable<Namespace> namespaces) {
    Map<String, Map<String, String>> byName = new HashMap<>();
    for (Namespace ns : namespaces) {
      Map<String, String> l = ns.getMetadata().getLabels();
      byName.put(ns.getMetadata().getName(), l == null ? Map.of() : Map.copyOf(l));
    }
    return new NamespaceLabels(Map.copyOf(byName));
  }

  /** Labels already read, by namespace name (the maps directory's Namespace documents). */
  static NamespaceLabels of(Map<String, Map<String, String>> byName) {
    Map<String, Map<String, String>> copy = new HashMap<>();
    byName.forEach((name, l) -> copy.put(name, Map.copyOf(l)));
    return new NamespaceLabels(Map.copyOf(copy));
  }

  @Override
  public Map<String, String> apply(String namespace) {
    return byName.getOrDefault(namespace, Map.of());
  }
}
