package dev.relocator.cli;

import dev.relocator.admission.FailureMode;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.AvailabilityMonitor;
import dev.relocator.imagemap.controller.RegistryTargetProbe;
import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerException;
import dev.relocator.server.ServerOptions;
import dev.relocator.tls.ServingNames;
import dev.relocator.tls.cluster.SelfManagedTls;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code relocator serve}: the ImageMap controller and the admission webhook, against a cluster or
 * a directory of map files, until SIGTERM or SIGINT.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Run the admission webhook (POST /mutate) and the ImageMap controller over HTTPS, with"
            + " /healthz, /readyz, /metrics and /maps on the same port, until SIGTERM or SIGINT.",
        "With --maps DIR it runs standalone: maps come from the YAML files in DIR, reloaded when"
            + " they change, and no cluster is needed."})
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443",
      description = "The HTTPS port (default: ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, every interface).")
  String bind;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "The PEM certificate chain, re-read when it changes; with --tls-key."
          + " Without both, a self-signed certificate is generated (the log says so).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key; with --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-reload", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How often the TLS files are checked for change (default: ${DEFAULT-VALUE}).")
  Duration tlsReload;

  @Option(names = "--tls-secret", paramLabel = "NAMESPACE/NAME",
      description = "Self-managed TLS: serve from this Secret, creating it (a CA and a serving"
          + " certificate) when missing and following its changes; the replica holding the Lease"
          + " renews it and writes its CA into --webhook-configuration. Excludes --tls-cert.")
  String tlsSecret;

  @Option(names = "--webhook-configuration", paramLabel = "NAME",
      description = "With --tls-secret: the MutatingWebhookConfiguration whose caBundles are kept.")
  String webhookConfiguration;

  @Option(names = "--service", paramLabel = "NAME.NAMESPACE",
      description = "With --tls-secret: the Service the API server calls; the certificate names"
          + " NAME.NAMESPACE.svc and NAME.NAMESPACE.svc.cluster.local.")
  String service;

  @Option(names = "--tls-dns-name", paramLabel = "NAME",
      description = "With --tls-secret: a further DNS name for the certificate (repeatable).")
  List<String> tlsDnsNames = new ArrayList<>();

  @Option(names = "--tls-ip-address", paramLabel = "IP",
      description = "With --tls-secret: an IP address for the certificate (repeatable).")
  List<String> tlsIpAddresses = new ArrayList<>();

  @Option(names = "--tls-validity", paramLabel = "DURATION", defaultValue = "2160h",
      converter = DurationConverter.class,
      description = "With --tls-secret: the serving certificate's validity, renewed at two thirds;"
          + " the CA lives twice as long (default: ${DEFAULT-VALUE}).")
  Duration tlsValidity;

  @Option(names = "--maps", paramLabel = "DIR",
      description = "Standalone: read ImageMaps, ClusterImageMaps and Namespaces from the YAML and"
          + " JSON files in DIR instead of a cluster.")
  Path maps;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The cluster's kubeconfig; default: the in-cluster service account,"
          + " $KUBECONFIG or ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--failure-mode", paramLabel = "MODE", defaultValue = "fail",
      converter = FailureModeConverter.class,
      description = "fail (deny) or ignore (admit unchanged, with a warning) a pod the webhook"
          + " cannot read (default: ${DEFAULT-VALUE}).")
  FailureMode failureMode;

  @Option(names = "--rejected-update", paramLabel = "POLICY", defaultValue = "keep",
      converter = RejectedUpdateConverter.class,
      description = "keep the previously accepted generation of a map whose update is rejected,"
          + " or undeploy it (default: ${DEFAULT-VALUE}).")
  RejectedUpdate rejectedUpdate;

  @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How long before rejected maps are checked again when nothing changed,"
          + " like 60s or 1m (default: ${DEFAULT-VALUE}).")
  Duration retryDelay;

  @Option(names = "--lease-namespace", paramLabel = "NAMESPACE",
      description = "The namespace of the Lease that elects the status writer (default: the"
          + " namespace of the service account or kubeconfig context, else default).")
  String leaseNamespace;

  @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = "relocator-imagemap-controller",
      description = "The name of that Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--leader-election", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Write map statuses only while holding the Lease (default: on); turn it off"
          + " only when a single replica runs.")
  boolean leaderElection;

  @Option(names = "--check-targets", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Cluster mode: HEAD the tagged and digest-pinned targets of the maps in force, on accept and"
          + " every --target-check-interval, recording a TargetsAvailable condition on each map and the"
          + " relocator_imagemap_targets_missing metric (default: on).")
  boolean checkTargets;

  @Option(names = "--target-check-interval", paramLabel = "DURATION", defaultValue = "10m",
      converter = DurationConverter.class,
      description = "How often every target is checked again (default: ${DEFAULT-VALUE}).")
  Duration targetCheckInterval;

  @Option(names = "--target-check-budget", paramLabel = "N", defaultValue = "100",
      description = "At most N HEAD requests per registry per round; the rest wait for the next round"
          + " (default: ${DEFAULT-VALUE}).")
  int targetCheckBudget;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Check targets in this registry over HTTPS without certificate checks, else plain HTTP,"
          + " as Docker's insecure-registries do. Repeatable.")
  java.util.List<String> insecureRegistries = new java.util.ArrayList<>();

  @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.OrZero.class,
      description = "Before reporting ready, review a sample pod through the server's own port for at least this"
          + " long, then on until 15,000 reviews have gone through and the JIT is quiet, but never past 6 times"
          + " this (30s with the default), so the first reviews from the API server are fast; 0 turns it off"
          + " (default: ${DEFAULT-VALUE}).")
  Duration warmUp;

  @Option(names = "--event-loops", paramLabel = "N",
      description = "HTTP event-loop threads (default: one per CPU core).")
  Integer eventLoops;

  /** How the command waits for its stop; tests replace it to stop an in-process server. */
  Supplier<StopSignal> stopSignals = StopSignal::onTermOrInt;

  private final AtomicBoolean closed = new AtomicBoolean();
  /** What the self-managed TLS flags say, set by the usage check; null without --tls-secret. */
  private SelfManagedTls.Settings selfManagedTls;

  @Override
  public Integer call() throws InterruptedException {
    checkUsage();
    checkReadable(tlsCert, "--tls-cert");
    checkReadable(tlsKey, "--tls-key");
    if (maps != null && !Files.exists(maps)) {
      throw new ServerException("--maps " + maps + ": no such directory");
    }
    if (maps != null && !Files.isDirectory(maps)) {
      throw new ServerException("--maps " + maps + ": not a directory (give the directory holding the map files)");
    }
    requirePortFree();
    KubernetesClient client = null;
    Config cluster = null;
    if (maps == null) {
      cluster = ClusterConnection.config(kubeconfig);
      ClusterConnection.probe(cluster);
    }
    ServerOptions options = options(cluster);
    RelocatorServer server;
    try {
      if (cluster == null) {
        server = RelocatorServer.start(options);
      } else {
        client = new KubernetesClientBuilder().withConfig(cluster).build();
        server = RelocatorServer.start(options, client,
            checkTargets ? new AvailabilityMonitor.Settings(targetCheckInterval, targetCheckBudget) : null,
            checkTargets ? new RegistryTargetProbe(insecureRegistries, System.getenv()) : null,
            selfManagedTls);
      }
    } catch (ServerException e) {
      close(null, client);
      throw explainBind(e);
    } catch (RuntimeException e) {
      close(null, client);
      throw e;
    }
    return serve(server, client, mode(options, cluster));
  }

  private int serve(RelocatorServer server, KubernetesClient client, String mode) throws InterruptedException {
    // Taken over only now: a signal during start-up (informers may wait a minute for a first
    // list) ends the JVM at once the usual way, with nothing of ours yet to close.
    StopSignal stop = stopSignals.get();
    Thread hook = new Thread(() -> close(server, client), "relocator-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    out.println("relocator serve: listening on https://" + hostForUrl(bind) + ":" + server.port()
        + " (" + mode + ")");
    out.flush();
    String why;
    try {
      why = stop.await();
    } finally {
      close(server, client);
      removeHook(hook);
    }
    out.println("relocator serve: stopped on " + why);
    out.flush();
    return ExitCodes.OK;
  }

  private void checkUsage() {
    RegistryOptions.requireHostPorts(spec, insecureRegistries);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), tlsCert == null
          ? "--tls-key needs --tls-cert: give both, or neither for a self-signed certificate"
          : "--tls-cert needs --tls-key: give both, or neither for a self-signed certificate");
    }
    if (maps != null && kubeconfig != null) {
      throw new ParameterException(spec.commandLine(),
          "--maps and --kubeconfig exclude each other: --maps serves files without a cluster");
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port " + port + ": must be between 0 and 65535");
    }
    if (targetCheckBudget < 1) {
      throw new ParameterException(spec.commandLine(), "--target-check-budget " + targetCheckBudget
          + ": must be at least 1");
    }
    if (eventLoops != null && eventLoops < 1) {
      throw new ParameterException(spec.commandLine(), "--event-loops " + eventLoops + ": must be at least 1");
    }
    selfManagedTls = selfManagedTlsSettings();
  }

  /** The self-managed TLS settings, read once from the flags; null when --tls-secret is not given. */
  private SelfManagedTls.Settings selfManagedTlsSettings() {
    boolean tlsNames = service != null || !tlsDnsNames.isEmpty() || !tlsIpAddresses.isEmpty();
    if (tlsSecret == null) {
      if (webhookConfiguration != null || tlsNames) {
        throw new ParameterException(spec.commandLine(), (webhookConfiguration != null ? "--webhook-configuration"
            : service != null ? "--service" : !tlsDnsNames.isEmpty() ? "--tls-dns-name" : "--tls-ip-address")
            + " needs --tls-secret: it configures self-managed TLS");
      }
      return null;
    }
    if (tlsCert != null) {
      throw new ParameterException(spec.commandLine(),
          "--tls-secret and --tls-cert exclude each other: the certificate comes from the Secret");
    }
    if (maps != null) {
      throw new ParameterException(spec.commandLine(),
          "--tls-secret and --maps exclude each other: self-managed TLS needs a cluster");
    }
    String[] ref = tlsSecret.split("/", -1);
    if (ref.length != 2 || ref[0].isEmpty() || ref[1].isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--tls-secret " + tlsSecret + ": expected NAMESPACE/NAME");
    }
    if (webhookConfiguration == null) {
      throw new ParameterException(spec.commandLine(),
          "--tls-secret needs --webhook-configuration: the leader writes the CA into its caBundle");
    }
    if (!tlsNames) {
      throw new ParameterException(spec.commandLine(),
          "--tls-secret needs --service, --tls-dns-name or --tls-ip-address: the names the certificate is for");
    }
    if (tlsValidity.compareTo(Duration.ofSeconds(30)) < 0) {
      throw new ParameterException(spec.commandLine(), "--tls-validity " + tlsValidity.toSeconds() + "s: must be at least 30s");
    }
    ServingNames names;
    try {
      names = ServingNames.of(service, tlsDnsNames, tlsIpAddresses);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("service")
          ? "--" + e.getMessage() : "--tls-ip-address: " + e.getMessage());
    }
    return SelfManagedTls.Settings.of(ref[0], ref[1], webhookConfiguration, names, tlsValidity);
  }

  private static void checkReadable(Path file, String flag) {
    if (file == null) {
      return;
    }
    if (!Files.exists(file)) {
      throw new ServerException(flag + " " + file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ServerException(flag + " " + file + ": not a file");
    }
    if (!Files.isReadable(file)) {
      throw new ServerException(flag + " " + file + ": not readable (permission denied)");
    }
  }

  private ServerOptions options(Config cluster) {
    ServerOptions defaults = ServerOptions.defaults();
    String lease = leaseNamespace;
    if (lease == null) {
      lease = cluster != null && cluster.getNamespace() != null ? cluster.getNamespace() : defaults.leaseNamespace();
    }
    return defaults
        .withBind(bind, port)
        .withTls(tlsCert, tlsKey, tlsReload)
        .withMapsDir(maps)
        .withPolicies(failureMode, rejectedUpdate, retryDelay)
        .withLeaderElection(leaderElection, lease, leaseName)
        .withEventLoops(eventLoops == null ? defaults.eventLoops() : eventLoops)
        .withWarmUp(warmUp);
  }

  private static String mode(ServerOptions options, Config cluster) {
    if (cluster == null) {
      return "standalone, maps from " + options.mapsDir();
    }
    String lease = options.leaderElection()
        ? ", status writes under Lease " + options.leaseNamespace() + "/" + options.leaseName()
        : ", status writes without leader election";
    return "cluster " + cluster.getMasterUrl() + lease;
  }

  /**
   * A port already taken is said on one line before the maps are read and logged. The server's
   * own bind, later, still reports one taken in between ({@link #explainBind}).
   */
  private void requirePortFree() {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(bind, port));
    } catch (IOException e) {
      throw explainBind(new ServerException("cannot listen", e));
    }
  }

  /** A port already taken gets a line naming the flags to change, not Netty's wording. */
  private ServerException explainBind(ServerException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new ServerException("cannot listen on " + hostForUrl(bind) + ":" + port + ": "
            + t.getMessage() + " (choose another --port or --bind)", e);
      }
    }
    return e;
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private void close(RelocatorServer server, KubernetesClient client) {
    // Called from the serving thread and from the shutdown hook, whichever comes first closes.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook runs and finds everything closed.
    }
  }

  /** {@code --failure-mode} through {@link FailureMode#parse}, with picocli's one-line error. */
  static final class FailureModeConverter implements ITypeConverter<FailureMode> {
    @Override
    public FailureMode convert(String value) {
      try {
        return FailureMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("\"" + value + "\": expected fail or ignore");
      }
    }
  }

  /** {@code --rejected-update} through {@link RejectedUpdate#parse}. */
  static final class RejectedUpdateConverter implements ITypeConverter<RejectedUpdate> {
    @Override
    public RejectedUpdate convert(String value) {
      try {
        return RejectedUpdate.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("\"" + value + "\": expected keep or undeploy");
      }
    }
  }
}
