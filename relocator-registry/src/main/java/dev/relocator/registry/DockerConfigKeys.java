package dev.relocator.registry;

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
}
