package dev.relocator.registry.auth;

import dev.relocator.image.ImageReference;
import dev.relocator.image.InvalidReferenceException;

/** Docker writes {@code auths} keys as bare hosts or as URLs; both name the same registry. */
final class DockerConfigKeys {
  private DockerConfigKeys() {}

  /** {@code https://host:5000/v1/} and {@code host:5000} both give {@code host:5000}. */
  static String host(String key) {
    String k = key.strip();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash >= 0 ? k.substring(0, slash) : k;
  }

  /**
   * The registry name a key stands for: its host, folded as the reference grammar folds a domain
   * (Docker Hub's legacy index key names Docker Hub's canonical name); a key that is not a domain
   * stays as it is.
   */
  static String registry(String key) {
    String host = host(key);
    try {
      ImageReference ref = ImageReference.parse(host + "/relocator-probe");
      return ref.path().startsWith(host + "/") ? host : ref.domain();
    } catch (InvalidReferenceException notADomain) {
      return host;
    }
  }
}
