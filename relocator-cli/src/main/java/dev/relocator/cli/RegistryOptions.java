package dev.relocator.cli;

import dev.relocator.mirror.ImageStores;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RegistryEndpoints;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.auth.CredentialProvider;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.http.RegistryTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How commands reach registries: TLS trust, Docker-style insecure registries and credentials
 * (flags first, then {@code RELOCATOR_REGISTRY_USERNAME}/{@code _PASSWORD}, then Docker's
 * {@code config.json}).
 */
final class RegistryOptions {
  /** A registry's host (a name, an IPv4 address or a bracketed IPv6 one) and optional port. */
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");

  /** The command these options are mixed into, for its usage errors. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Reach this registry over HTTPS without certificate checks, else plain HTTP, as Docker's "
          + "insecure-registries do. Repeatable. Nothing is insecure unless named.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--ca-file", paramLabel = "FILE", description = "Trust the PEM CA certificates in FILE too.")
  Path caFile;

  @Option(names = "--creds", paramLabel = "REGISTRY=USER:PASSWORD",
      description = "Credentials for one registry. Repeatable. Otherwise the environment "
          + "(RELOCATOR_REGISTRY_USERNAME, RELOCATOR_REGISTRY_PASSWORD) or Docker's config.json.")
  List<String> creds = new ArrayList<>();

  @Option(names = "--registry-endpoint", paramLabel = "NAME=ENDPOINT",
      description = "Contact registry NAME (as references name it, e.g. docker.io) at ENDPOINT: https://HOST[:PORT], "
          + "http://HOST[:PORT] or HOST[:PORT]. Repeatable; several for one name are tried in order. "
          + "Default for docker.io: https://registry-1.docker.io.")
  List<String> registryEndpoints = new ArrayList<>();

  @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
      description = "Attempts per request on 429, 5xx and broken connections (default: ${DEFAULT-VALUE}).")
  int retries;

  /**
   * Options as a relocation file gives them (checked there), for {@code command}'s usage errors;
   * {@code endpoints} as {@code --registry-endpoint} takes them, {@code NAME=ENDPOINT}.
   */
  static RegistryOptions of(CommandSpec command, List<String> insecure, Path caFile, List<String> endpoints) {
    RegistryOptions options = new RegistryOptions();
    options.command = command;
    options.insecureRegistries.addAll(insecure);
    options.caFile = caFile;
    options.registryEndpoints.addAll(endpoints);
    options.retries = 5;
    return options;
  }

  /** The process environment (credentials, DOCKER_CONFIG, PATH for credential helpers); tests give their own. */
  Map<String, String> environment = System.getenv();

  /** Stores sharing one client per registry, configured from these options and {@link #environment}. */
  ImageStores stores() {
    return stores(environment);
  }

  /**
   * Stores sharing one client per registry, configured from these options and the environment;
   * closing them closes the transport (see {@link RegistryTransport#close()}).
   */
  ImageStores stores(Map<String, String> env) {
    RegistryTransport.Builder transport = RegistryTransport.builder().caFile(caFile);
    requireHostPorts(command, insecureRegistries);
    insecureRegistries.forEach(transport::insecureRegistry);
    RegistryEndpoints endpoints = endpoints();
    List<CredentialProvider> providers = new ArrayList<>(givenCredentials());
    RegistryTransport built = transport.build();
    providers.add(CredentialProvider.fromEnvironment(env));
    providers.add(CredentialProvider.dockerConfig(env, Path.of(System.getProperty("user.home"))));
    CredentialProvider credentials = CredentialProvider.chain(providers);
    RetryPolicy policy = new RetryPolicy(Math.max(1, retries), Duration.ofMillis(200), Duration.ofSeconds(10));
    return new ImageStores(registry -> RegistryClient.builder(registry).transport(built).endpoints(endpoints)
        .credentials(credentials)
        .retryPolicy(policy).build(), built);
  }

  /**
   * Refuses malformed registry options (exit 2) before a command reads its sources or copies
   * anything; {@link #stores} checks them again, for commands that do not call this.
   */
  void check() {
    requireHostPorts(command, insecureRegistries);
    endpoints();
    givenCredentials();
  }

  private RegistryEndpoints endpoints() {
    try {
      return RegistryEndpoints.parse(registryEndpoints);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
  }

  /** The {@code --creds} entries, each for its registry. */
  private List<CredentialProvider> givenCredentials() {
    List<CredentialProvider> providers = new ArrayList<>();
    for (String entry : creds) {
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0) {
        throw usageError("invalid --creds \"" + withoutPassword(entry) + "\": expected REGISTRY=USER:PASSWORD");
      }
      providers.add(CredentialProvider.of(entry.substring(0, eq),
          new Credentials(entry.substring(eq + 1, colon), entry.substring(colon + 1))));
    }
    return providers;
  }

  /**
   * Refuses an {@code --insecure-registry} that is not {@code HOST[:PORT]}: a URL or a path would
   * never match a registry's host and port, so nothing would be insecure.
   */
  static void requireHostPorts(CommandSpec spec, List<String> insecureRegistries) {
    for (String insecure : insecureRegistries) {
      if (!HOST_PORT.matcher(insecure).matches()) {
        throw new ParameterException(spec.commandLine(), "invalid --insecure-registry \"" + insecure
            + "\": it takes HOST[:PORT], such as 127.0.0.1:5000 (no scheme, no path)");
      }
    }
  }

  /** A mistake in these options: a usage error of the command they are mixed into (exit 2). */
  private ParameterException usageError(String message) {
    return new ParameterException(command.commandLine(), message);
  }

  /**
   * {@code entry} with what may be a password masked: everything after the first colon that
   * follows the {@code =} (or, without one, after the first colon), so a host's port stays visible
   * and a secret typed without a registry does not leak.
   */
  static String withoutPassword(String entry) {
    int colon = entry.indexOf(':', Math.max(0, entry.indexOf('=')));
    return colon < 0 ? entry : entry.substring(0, colon + 1) + "****";
  }
}
