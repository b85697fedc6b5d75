package dev.relocator.rewrite;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;

/**
 * A registry host with an optional repository path below it ({@code 127.0.0.1:5000/example}):
 * the target of an overwrite or prefix rule, and the prefix a prefix rule matches.
 *
 * @param domain the canonical registry host, with port if any
 * @param path the path below the host without leading or trailing '/', or empty
 */
public record Location(String domain, String path) {

  /**
   * Parses {@code HOST[:PORT][/PATH]}. The host must read as a registry (a '.', a port, or
   * {@code localhost}), as in a reference; {@code index.docker.io} becomes {@code docker.io}.
   */
  public static Location parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (text.indexOf('@') >= 0) {
      throw new IllegalArgumentException(quote(text) + " must not carry a digest");
    }
    int slash = text.indexOf('/');
    if (slash >= 0 && text.indexOf(':', slash) >= 0) {
      throw new IllegalArgumentException(quote(text) + " must not carry a tag");
    }
    if (text.endsWith("/")) {
      throw new IllegalArgumentException(quote(text) + " must not end with '/'");
    }
    String host = slash < 0 ? text : text.substring(0, slash);
    ImageReference probe;
    try {
      // A throwaway repository below the location lets the reference grammar check it.
      probe = ImageReference.parse(text + "/x");
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(quote(text) + " is not a registry location: " + e.reason());
    }
    // Read as a Docker Hub namespace rather than a registry, the host reappears in the path.
    if (probe.path().startsWith(host + "/")) {
      throw new IllegalArgumentException(quote(text) + " does not start with a registry host:"
          + " a host needs a '.' or a port, or must be localhost");
    }
    // Taken from the text: the probe's path would gain "library/" for a bare docker.io.
    String path = slash < 0 ? "" : text.substring(slash + 1);
    return new Location(probe.domain(), path);
  }

  /** {@code domain} or {@code domain/path}. */
  @Override
  public String toString() {
    return path.isEmpty() ? domain : domain + "/" + path;
  }

  /** The path {@code rest} placed below this location's path. */
  String below(String rest) {
    if (path.isEmpty()) {
      return rest;
    }
    return rest.isEmpty() ? path : path + "/" + rest;
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }
}
