package dev.relocator.registry.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials for a registry ({@code host[:port]}), from flags, the environment or a
 * Docker {@code config.json}.
 */
@FunctionalInterface
public interface CredentialProvider {
  /** Credentials for {@code registry}, e.g. {@code 127.0.0.1:5000}, if any are known. */
  Optional<Credentials> find(String registry);

  /** No credentials anywhere: anonymous access. */
  static CredentialProvider none() {
    return registry -> Optional.empty();
  }

  /** {@code credentials} for {@code registry} only (e.g. from {@code --creds} flags). */
  static CredentialProvider of(String registry, Credentials credentials) {
    String name = DockerConfigKeys.registry(registry); // folded as references fold it
    return r -> r.equals(name) ? Optional.of(credentials) : Optional.empty();
  }

  /**
   * {@code RELOCATOR_REGISTRY_USERNAME} and {@code RELOCATOR_REGISTRY_PASSWORD}, for
   * {@code RELOCATOR_REGISTRY} only when that is set, else for every registry.
   */
  static CredentialProvider fromEnvironment(Map<String, String> env) {
    String user = env.get("RELOCATOR_REGISTRY_USERNAME");
    String password = env.get("RELOCATOR_REGISTRY_PASSWORD");
    String named = env.get("RELOCATOR_REGISTRY");
    String only = named == null || named.isEmpty() ? null : DockerConfigKeys.registry(named);
    if (user == null || user.isEmpty() || password == null) {
      return none();
    }
    Credentials credentials = new Credentials(user, password);
    return r -> only == null || only.isEmpty() || only.equals(r) ? Optional.of(credentials) : Optional.empty();
  }

  /**
   * Docker's {@code config.json}: {@code $DOCKER_CONFIG/config.json}, else
   * {@code ~/.docker/config.json}, looked up as Docker does: {@code credHelpers}, then
   * {@code credsStore} (helpers {@code docker-credential-NAME} found on {@code env}'s {@code PATH}),
   * then {@code auths} entries with base64 {@code auth}, {@code username}/{@code password} or
   * {@code identitytoken}, keyed by host[:port] or by URL. A missing file means none.
   */
  static CredentialProvider dockerConfig(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    Path file = dir != null && !dir.isEmpty()
        ? Path.of(dir, "config.json")
        : home.resolve(".docker").resolve("config.json");
    return dockerConfigFile(file, env.get("PATH"), CredentialHelper.DEFAULT_TIMEOUT);
  }

  /** One Docker config file without credential helpers on any path; throws if unreadable. */
  static CredentialProvider dockerConfigFile(Path file) {
    return dockerConfigFile(file, "", CredentialHelper.DEFAULT_TIMEOUT);
  }

  /**
   * One Docker config file; its credential helpers are searched on {@code path} (a {@code PATH}
   * value) and stopped after {@code helperTimeout}. Throws {@link dev.relocator.registry.error.RegistryException} if unreadable.
   */
  static CredentialProvider dockerConfigFile(Path file, String path, Duration helperTimeout) {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    return DockerConfig.read(file, path, helperTimeout);
  }

  /** The first provider that knows {@code registry} wins. */
  static CredentialProvider chain(List<CredentialProvider> providers) {
    List<CredentialProvider> copy = List.copyOf(providers);
    return registry -> {
      for (CredentialProvider provider : copy) {
        Optional<Credentials> found = provider.find(registry);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }
}
