package dev.relocator.imagemap.controller;

import dev.relocator.availability.Presence;
import dev.relocator.availability.TargetProbe;
import dev.relocator.image.ImageReference;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RegistryEndpoints;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.http.RegistryTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEADs a target's manifest with the registry client, one client per registry (tokens reused),
 * with the credentials the server has (the {@code RELOCATOR_REGISTRY_USERNAME}/{@code _PASSWORD}
 * environment, then Docker's {@code config.json}) and without retries: one request per target.
 */
public final class RegistryTargetProbe implements TargetProbe, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryTargetProbe.class);
  private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100));

  private final RegistryTransport transport;
  private final CredentialProvider credentials;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  /**
   * @param insecureRegistries registries reached over plain HTTP or unchecked TLS, as Docker's
   *     insecure-registries
   * @param env the environment for credentials
   */
  public RegistryTargetProbe(List<String> insecureRegistries, Map<String, String> env) {
    RegistryTransport.Builder builder = RegistryTransport.builder();
    insecureRegistries.forEach(builder::insecureRegistry);
    this.transport = builder.build();
    this.credentials = CredentialProvider.chain(List.of(CredentialProvider.fromEnvironment(env),
        CredentialProvider.dockerConfig(env, Path.of(System.getProperty("user.home")))));
  }

  @Override
  public Presence probe(ImageReference target) {
    RegistryClient client = clients.computeIfAbsent(target.domain(), registry -> RegistryClient.builder(registry)
        .transport(transport).endpoints(RegistryEndpoints.none()).credentials(credentials).retryPolicy(ONCE).build());
    String reference = target.digest().map(Object::toString).orElseGet(() -> target.tag().orElse("latest"));
    try {
      return client.checkManifest(target.path(), reference).isPresent() ? Presence.PRESENT : Presence.MISSING;
    } catch (RuntimeException e) {
      LOG.debug("target {} not checked: {}", target, e.getMessage());
      return Presence.UNKNOWN;
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}
