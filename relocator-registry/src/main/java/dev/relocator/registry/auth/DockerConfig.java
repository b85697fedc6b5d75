package dev.relocator.registry.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.relocator.IoErrors;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of a Docker {@code config.json}, looked up as Docker does: a {@code credHelpers}
 * entry for the registry, else the {@code credsStore} helper, else the {@code auths} entry. Keys
 * are compared by registry name, so a URL key and a bare host match alike, and an alias the
 * reference grammar folds onto a name (Docker Hub's legacy index key) matches that name.
 */
final class DockerConfig implements CredentialProvider {
  private final Path file;
  private final JsonNode auths;
  private final Map<String, String> credHelpers;
  private final String credsStore;
  private final String path;
  private final Duration timeout;
  private final Map<String, Optional<Credentials>> found = new ConcurrentHashMap<>();

  private DockerConfig(Path file, JsonNode root, String path, Duration timeout) {
    this.file = file;
    this.auths = root.path("auths");
    this.credHelpers = new LinkedHashMap<>();
    root.path("credHelpers").properties().forEach(e -> credHelpers.put(e.getKey(), e.getValue().asText()));
    this.credsStore = root.path("credsStore").asText("");
    this.path = path;
    this.timeout = timeout;
  }

  /** Reads {@code file}; helpers are searched on {@code path}. */
  static DockerConfig read(Path file, String path, Duration timeout) {
    JsonNode root;
    try {
      root = JsonMappers.plain().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      // Jackson's own message ends with a source excerpt on a second line: say where instead.
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
      throw new RegistryException("cannot read docker config " + file + ": " + where
          + e.getOriginalMessage().lines().findFirst().orElse("not valid JSON"), e);
    } catch (IOException e) {
      throw new RegistryException("cannot read docker config " + file + ": " + IoErrors.reason(e), e);
    }
    return new DockerConfig(file, root == null ? JsonMappers.plain().createObjectNode() : root, path, timeout);
  }

  @Override
  public Optional<Credentials> find(String registry) {
    return found.computeIfAbsent(registry, this::lookUp);
  }

  private Optional<Credentials> lookUp(String registry) {
    List<String> keys = new ArrayList<>();
    auths.properties().forEach(e -> {
      if (DockerConfigKeys.registry(e.getKey()).equals(registry)) {
        keys.add(e.getKey());
      }
    });
    String helper = null;
    for (Map.Entry<String, String> entry : credHelpers.entrySet()) {
      if (DockerConfigKeys.registry(entry.getKey()).equals(registry)) {
        helper = entry.getValue();
        break;
      }
    }
    if (helper == null && !credsStore.isEmpty()) {
      helper = credsStore;
    }
    if (helper != null && !helper.isEmpty()) {
      if (helper.contains("/") || helper.contains("\\")) {
        throw new RegistryException("docker config " + file + ": credential helper name \"" + helper
            + "\" must be a bare name (docker-credential-NAME is looked up on PATH)");
      }
      // Docker asks the helper with the key it stored at login; without one, with the name.
      String serverUrl = keys.isEmpty() ? registry : keys.get(0);
      try {
        return new CredentialHelper(helper, path, timeout).get(serverUrl);
      } catch (RegistryException e) {
        throw new RegistryException("docker config " + file + ": " + e.getMessage(), e);
      }
    }
    for (String key : keys) {
      JsonNode node = auths.get(key);
      try {
        if (node.hasNonNull("auth") && !node.get("auth").asText().isEmpty()) {
          return Optional.of(Credentials.fromDockerAuth(node.get("auth").asText()));
        }
        if (node.hasNonNull("username") && node.hasNonNull("password")) {
          return Optional.of(new Credentials(node.get("username").asText(), node.get("password").asText()));
        }
        if (node.hasNonNull("identitytoken") && !node.get("identitytoken").asText().isEmpty()) {
          return Optional.of(Credentials.identityToken(node.get("identitytoken").asText()));
        }
      } catch (IllegalArgumentException e) {
        throw new RegistryException("docker config " + file + ": auths[\"" + key + "\"]: " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }
}
