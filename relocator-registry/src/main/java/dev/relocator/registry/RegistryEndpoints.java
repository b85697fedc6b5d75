package dev.relocator.registry;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which endpoint to contact for a registry name. A name is what references carry (its canonical
 * form, e.g. Docker Hub's {@code docker.io}); the endpoint is where its API is served. A mapping
 * wins; else Docker Hub's canonical name is served from its registry API host, as Docker, skopeo
 * and crane do; else a name is its own endpoint.
 */
public final class RegistryEndpoints {
  /** Docker Hub's canonical name, from the reference grammar (an unqualified name lands there). */
  private static final String DOCKER_HUB = ImageReference.parse("relocator-probe").domain();

  /**
   * Where Docker Hub serves its registry API (Docker's {@code DefaultRegistryHost}): the canonical
   * name is not a host that serves it. With its scheme, so no insecure-registry rule applies.
   */
  static final String DOCKER_HUB_ENDPOINT = "https://registry-1.docker.io";

  private final Map<String, List<String>> endpoints;

  private RegistryEndpoints(Map<String, List<String>> endpoints) {
    this.endpoints = endpoints;
  }

  /** No mapping: every registry is contacted at its name, Docker Hub at its registry API host. */
  public static RegistryEndpoints none() {
    return new RegistryEndpoints(Map.of());
  }

  /**
   * Parses {@code NAME=ENDPOINT} entries (e.g. from a repeatable flag); several entries for one
   * name are tried in order. ENDPOINT is {@code https://host[:port]}, {@code http://host[:port]}
   * (plain HTTP, as a mirror URL in Docker's daemon.json), or a bare {@code host[:port]}, reached
   * like a registry of that name (HTTPS, or Docker's insecure-registry rules when declared).
   */
  public static RegistryEndpoints parse(List<String> entries) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("invalid registry endpoint \"" + entry
            + "\": expected NAME=ENDPOINT, e.g. docker.io=https://mirror.internal:5000");
      }
      String name = canonicalName(entry.substring(0, eq).strip(), entry);
      String endpoint = endpoint(entry.substring(eq + 1).strip(), entry);
      map.computeIfAbsent(name, n -> new ArrayList<>()).add(endpoint);
    }
    map.replaceAll((name, list) -> List.copyOf(list));
    return new RegistryEndpoints(Map.copyOf(map));
  }

  /**
   * The endpoints to try for {@code registry}, in order: its mapping; else, for Docker Hub's
   * canonical name, Docker Hub's registry API host; else the name itself.
   */
  public List<String> of(String registry) {
    List<String> mapped = endpoints.get(registry);
    if (mapped != null) {
      return mapped;
    }
    return List.of(registry.equals(DOCKER_HUB) ? DOCKER_HUB_ENDPOINT : registry);
  }

  /** Whether {@code registry} has an explicit mapping (a default endpoint is not one). */
  public boolean isMapped(String registry) {
    return endpoints.containsKey(registry);
  }

  /** {@code host[:port]} of an endpoint, as insecure-registry and credential lookups name it. */
  public static String hostPort(String endpoint) {
    int scheme = endpoint.indexOf("://");
    return scheme < 0 ? endpoint : endpoint.substring(scheme + 3);
  }

  /** Whether the endpoint names its scheme (else the registry rules pick HTTPS or HTTP). */
  static boolean hasScheme(String endpoint) {
    return endpoint.contains("://");
  }

  /** Reference parsing decides what a name is, so {@code NAME} matches references exactly. */
  private static String canonicalName(String name, String entry) {
    if (name.contains("/")) {
      throw new IllegalArgumentException("invalid registry endpoint \"" + entry + "\": \"" + name
          + "\" is not a registry name: a name has no path");
    }
    try {
      ImageReference ref = ImageReference.parse(name + "/relocator-probe");
      if (!ref.path().endsWith("relocator-probe") || ref.path().startsWith(name + "/")) {
        throw new IllegalArgumentException("invalid registry endpoint \"" + entry + "\": \"" + name
            + "\" is not a registry name (a host with a dot or port, or localhost)");
      }
      return ref.domain();
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException("invalid registry endpoint \"" + entry + "\": " + e.getMessage(), e);
    }
  }

  private static String endpoint(String text, String entry) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean scheme = lower.startsWith("https://") || lower.startsWith("http://");
    if (!scheme && text.contains("://")) {
      throw new IllegalArgumentException("invalid registry endpoint \"" + entry + "\": scheme must be http or https");
    }
    String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    URI uri;
    try {
      uri = URI.create(scheme ? trimmed : "https://" + trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid registry endpoint \"" + entry + "\": " + e.getMessage(), e);
    }
    if (uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("invalid registry endpoint \"" + entry
          + "\": expected [http[s]://]host[:port], without path, query or user");
    }
    String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return scheme ? uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostPort : hostPort;
  }

  @Override
  public String toString() {
    return endpoints.toString();
  }
}
