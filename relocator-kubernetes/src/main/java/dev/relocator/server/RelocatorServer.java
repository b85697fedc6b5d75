package dev.relocator.server;

import dev.relocator.admission.AdmissionHandler;
import dev.relocator.admission.SecretLookup;
import dev.relocator.availability.TargetProbe;
import dev.relocator.imagemap.MapSource;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.controller.AvailabilityMonitor;
import dev.relocator.imagemap.controller.CachedSecretLookup;
import dev.relocator.imagemap.controller.DirectoryMapSource;
import dev.relocator.imagemap.controller.ImageMapController;
import dev.relocator.policy.PolicySet;
import dev.relocator.policy.PolicySource;
import dev.relocator.tls.cluster.SelfManagedTls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code relocator serve}: the admission webhook over HTTPS ({@code POST /mutate}), health
 * ({@code /healthz}, {@code /readyz}), Prometheus metrics ({@code /metrics}) and the maps with
 * their status ({@code GET /maps}), fed by a cluster's ImageMaps or by a directory of files.
 *
 * <p>Built on Vert.x, which fabric8's default HTTP client already brings: one event loop per
 * {@link ServerOptions#eventLoops()} shares the port, and reviews are answered on the event loop
 * (the mutation is a few hash lookups). TLS key and certificate files are re-read every
 * {@link ServerOptions#tlsReload()}; a changed pair is swapped in behind the key manager, so new
 * handshakes get it and open connections are left alone. With self-managed TLS the pair comes
 * from a Secret instead ({@link SelfManagedTls}), swapped in the same way whenever it changes.
 */
public final class RelocatorServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RelocatorServer.class);
  /** Larger than any Pod the API server accepts (its request limit is 3 MiB). */
  static final int MAX_BODY = 4 * 1024 * 1024;
  private static final long START_TIMEOUT_SECONDS = 30;
  /** Each offending image is logged once per namespace and policy in this long. */
  static final Duration POLICY_LOG_INTERVAL = Duration.ofMinutes(10);
  /** How long whether a pull secret exists is remembered before it is asked again. */
  static final Duration SECRET_TTL = Duration.ofMinutes(1);

  private final ServerOptions options;
  private final MapSource source;
  private final Vertx vertx;
  private final List<HttpServer> servers = new ArrayList<>();
  private final WebhookMetrics metrics;
  private final AdmissionHandler handler;
  /** The same review code over the warm-up's own mapping, for the warm-up's reviews only. */
  private final AdmissionHandler warmUpHandler;
  private final PolicyDecisions policyDecisions;
  private volatile byte[] certPem;
  private volatile byte[] keyPem;
  private ReloadingKeyManager keyManager;
  /** Serving from a Secret that Relocator manages itself, or null for files or a self-signed certificate. */
  private SelfManagedTls selfManaged;
  private int port;

  private final SecretLookup secrets;
  private volatile TargetProbe probe;
  private final WarmUp warmUp = new WarmUp();
  /** True while the start-up warm-up runs: not ready yet. */
  private volatile boolean warmingUp;
  private volatile WarmUp.Report warmedUp;

  private RelocatorServer(
      ServerOptions options, MapSource source, PrometheusMeterRegistry registry, SecretLookup secrets) {
    this.secrets = secrets;
    this.options = options;
    this.source = source;
    this.metrics = new WebhookMetrics(registry, () -> MapsReport.counts(source));
    PolicySource policies = source instanceof PolicySource p ? p : () -> PolicySet.EMPTY;
    this.handler = new AdmissionHandler(source::catalog, policies::policies, secrets, options.failureMode());
    MappingCatalog warmUpCatalog = WarmUp.catalog();
    PolicySet warmUpPolicies = WarmUp.policies();
    this.warmUpHandler = new AdmissionHandler(() -> warmUpCatalog, () -> warmUpPolicies, options.failureMode());
    this.policyDecisions = new PolicyDecisions(registry, POLICY_LOG_INTERVAL, System::nanoTime);
    this.vertx = Vertx.vertx(vertxOptions(options));
  }

  /**
   * One event loop per {@link ServerOptions#eventLoops()}, small blocking pools (reviews never
   * block), and Netty's epoll transport where its native library loads (Linux amd64 and arm64; NIO
   * elsewhere): fewer copies and system calls per request than NIO's selector.
   */
  static VertxOptions vertxOptions(ServerOptions options) {
    return new VertxOptions()
        .setPreferNativeTransport(true)
        .setEventLoopPoolSize(options.eventLoops())
        .setWorkerPoolSize(2)
        .setInternalBlockingPoolSize(2);
  }

  /**
   * Starts the server in standalone mode, on the maps in {@link ServerOptions#mapsDir()}; a cluster
   * needs a client, see {@link #start(ServerOptions, KubernetesClient)}.
   */
  public static RelocatorServer start(ServerOptions options) {
    if (!options.standalone()) {
      throw new IllegalArgumentException("no maps directory given: cluster mode needs a KubernetesClient");
    }
    PrometheusMeterRegistry registry = WebhookMetrics.newRegistry();
    DirectoryMapSource maps = new DirectoryMapSource(
        options.mapsDir(), options.rejectedUpdate(), options.retryDelay(), Clock.systemUTC());
    maps.start();
    // Standalone mode cannot see a namespace's Secrets: pull secrets are added without a check.
    return listen(options, maps, registry, SecretLookup.UNKNOWN);
  }

  /**
   * Starts the server in cluster mode on {@code client}, which the caller keeps and closes; the
   * maps' targets are not checked.
   */
  public static RelocatorServer start(ServerOptions options, KubernetesClient client) {
    return start(options, client, null, null);
  }

  /**
   * Starts the server in cluster mode, checking the targets of the maps in force with
   * {@code probe} as {@code availability} says (the gauge {@code relocator.imagemap.targets.missing}
   * counts the missing ones); {@code probe} is closed with the server when it is closeable.
   */
  public static RelocatorServer start(
      ServerOptions options, KubernetesClient client, AvailabilityMonitor.Settings availability, TargetProbe probe) {
    return start(options, client, availability, probe, null);
  }

  /**
   * Starts the server in cluster mode on {@code client}, serving from the self-managed TLS Secret
   * of {@code tls}: created when missing, followed when it changes, renewed and published into the
   * webhook configuration by the replica that holds the controller's Lease.
   */
  public static RelocatorServer start(ServerOptions options, KubernetesClient client, SelfManagedTls.Settings tls) {
    return start(options, client, null, null, tls);
  }

  /**
   * Starts the server in cluster mode on {@code client}, which the caller keeps and closes: the
   * maps' targets checked when {@code availability} and {@code probe} are given, served from the
   * self-managed TLS Secret when {@code tls} is (each null otherwise).
   */
  public static RelocatorServer start(ServerOptions options, KubernetesClient client,
      AvailabilityMonitor.Settings availability, TargetProbe probe, SelfManagedTls.Settings tls) {
    PrometheusMeterRegistry registry = WebhookMetrics.newRegistry();
    ImageMapController controller;
    try {
      controller = controller(options, client, registry, availability, probe);
    } catch (RuntimeException e) {
      if (probe instanceof AutoCloseable p) {
        closeQuietly(p, "the target probe");
      }
      throw e;
    }
    RelocatorServer server = new RelocatorServer(options, controller, registry, new CachedSecretLookup(client, SECRET_TTL));
    server.probe = probe;
    try {
      if (tls != null) {
        server.selfManaged = new SelfManagedTls(client, tls, controller::isWriter, server::serveFromSecret,
            Clock.systemUTC());
      }
      server.listen();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static ImageMapController controller(
      ServerOptions options, KubernetesClient client, MeterRegistry meters,
      AvailabilityMonitor.Settings availability, TargetProbe probe) {
    ImageMapController controller = new ImageMapController(client, new ImageMapController.Settings(
        options.rejectedUpdate(), options.retryDelay(), options.leaderElection(),
        options.leaseNamespace(), options.leaseName(), Clock.systemUTC()), meters);
    if (availability != null && probe != null && availability.enabled()) {
      controller.checkAvailability(probe, availability, meters);
    }
    controller.start();
    return controller;
  }

  private static RelocatorServer listen(
      ServerOptions options, MapSource source, PrometheusMeterRegistry registry, SecretLookup secrets) {
    RelocatorServer server = new RelocatorServer(options, source, registry, secrets);
    try {
      server.listen();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void listen() {
    loadKeyMaterial();
    synchronized (this) {
      keyManager = new ReloadingKeyManager(certPem, keyPem, selfManaged != null ? "the TLS Secret"
          : options.tlsCert() == null ? "self-signed certificate" : options.tlsCert() + " and " + options.tlsKey());
    }
    TlsEngine engine = TlsEngine.current();
    HttpServerOptions http = engine.apply(new HttpServerOptions())
        .setHost(options.bind())
        .setSsl(true)
        .setKeyCertOptions(KeyCertOptions.wrap(keyManager))
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setCompressionSupported(false);
    // One verticle instance per event loop, sharing the port. Vert.x shares a port among servers
    // bound to the same host and port, but gives each server asked for port 0 a port of its own:
    // so port 0 is resolved to a free port first (tests use it; deployments name a port).
    int listenPort = options.port() == 0 ? freePort(options.bind()) : options.port();
    deploy(http, options.eventLoops(), listenPort);
    synchronized (servers) {
      port = servers.get(0).actualPort();
      if (servers.stream().anyMatch(s -> s.actualPort() != port)) {
        throw new ServerException("event loops did not share port " + port);
      }
    }
    if (options.tlsCert() != null) {
      vertx.setPeriodic(options.tlsReload().toMillis(), id -> vertx.executeBlocking(() -> {
        reloadKeyMaterial();
        return null;
      }, false));
    }
    LOG.info("relocator webhook listening on https://{}:{} ({} maps {}), TLS by {}, sockets by {}", options.bind(),
        port, options.standalone() ? "from" : "in", options.standalone() ? options.mapsDir() : "cluster",
        engine.description(), transport(vertx));
    if (engine == TlsEngine.JDK && !"jdk".equals(System.getProperty(TlsEngine.PROPERTY))) {
      LOG.info("OpenSSL not used: {}", TlsEngine.unavailability());
    }
    warmUp(engine);
  }

  /**
   * Not ready until the review path has been exercised for {@link ServerOptions#warmUp()}, so the
   * first reviews the API server sends do not wait for the JIT; {@code --warm-up 0} skips it.
   */
  private void warmUp(TlsEngine engine) {
    Duration budget = options.warmUp();
    if (budget.isZero()) {
      return;
    }
    warmingUp = true;
    String host = switch (options.bind()) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "[::]" -> "::1";
      default -> options.bind();
    };
    LOG.info("warming up: reviewing a sample pod through https://{}:{} for {} ms, then until the JIT is quiet"
        + " (at most {} ms), before reporting ready (--warm-up 0 turns this off)", host, port, budget.toMillis(),
        new WarmUpEnd(budget).maximum().toMillis());
    warmUp.run(vertx, host, port, budget, engine).onComplete(done -> {
      WarmUp.Report r = done.result();
      warmedUp = r;
      warmingUp = false;
      LOG.info("warmed up: {} reviews ({} failed) in {} ms, the JIT compiling {} of its last second; ready when"
          + " the maps are", r.reviews(), r.failures(), r.took().toMillis(),
          r.jitLastSecond() == null ? "an unknown part" : r.jitLastSecond().toMillis() + " ms");
    });
  }

  /** Which socket transport serves, and why not epoll when NIO does. */
  static String transport(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return "epoll";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    // No cause when Netty's native transports are turned off (-Dio.netty.transport.noNative=true).
    return "NIO (epoll " + (cause == null ? "turned off" : "unavailable: " + cause) + ")";
  }

  private static int freePort(String bind) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bind))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new ServerException("cannot find a free port on " + bind + ": " + e.getMessage(), e);
    }
  }

  private void deploy(HttpServerOptions http, int instances, int listenPort) {
    await(vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        HttpServer s = vertx.createHttpServer(http).requestHandler(RelocatorServer.this::route);
        s.listen(listenPort, options.bind()).onComplete(bound -> {
          if (bound.succeeded()) {
            synchronized (servers) {
              servers.add(bound.result());
            }
            started.complete();
          } else {
            started.fail(bound.cause());
          }
        });
      }
    }, new DeploymentOptions().setInstances(instances)), "listen on " + options.bind() + ":" + listenPort);
  }

  private void route(HttpServerRequest req) {
    switch (req.path()) {
      case "/mutate" -> withBody(req, body -> {
        long start = System.nanoTime();
        boolean warming = warmUp.token().equals(req.getHeader(WarmUp.HEADER));
        AdmissionHandler.Result r = (warming && warmingUp ? warmUpHandler : handler).handle(body);
        req.response().setStatusCode(r.httpStatus()).putHeader("content-type", r.contentType())
            .end(Buffer.buffer(r.body()));
        if (warming) {
          return; // the start-up warm-up's own reviews are not the cluster's: not counted
        }
        metrics.record(r.outcome(), r.imagesRewritten(), r.dryRun(), System.nanoTime() - start);
        policyDecisions.record(r.namespace(), r.decision(), r.dryRun());
      });
      case "/allow" -> withBody(req, body -> {
        AdmissionHandler.Result r = AllowAll.handle(body);
        req.response().setStatusCode(r.httpStatus()).putHeader("content-type", r.contentType())
            .end(Buffer.buffer(r.body()));
      });
      case "/healthz" -> text(req, 200, "ok\n");
      case "/readyz" -> text(req, ready() ? 200 : 503,
          ready() ? "ok\n" : !source.ready() ? "maps not loaded yet\n" : "warming up\n");
      case "/metrics" -> req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(metrics.scrape());
      case "/maps" -> req.response().putHeader("content-type", "application/json")
          .end(Buffer.buffer(MapsReport.render(source)));
      default -> text(req, 404, "not found: " + req.path() + "\n");
    }
  }

  private static void withBody(HttpServerRequest req, java.util.function.Consumer<byte[]> then) {
    if (req.method() != io.vertx.core.http.HttpMethod.POST) {
      text(req, 405, "use POST\n");
      return;
    }
    String length = req.getHeader("content-length");
    if (length != null && parseLong(length) > MAX_BODY) {
      text(req, 413, "body larger than " + MAX_BODY + " bytes\n");
      return;
    }
    Buffer body = Buffer.buffer(length == null ? 4096 : (int) Math.max(0, parseLong(length)));
    req.handler(chunk -> {
      if (body.length() + chunk.length() > MAX_BODY) {
        req.pause();
        if (!req.response().ended()) {
          text(req, 413, "body larger than " + MAX_BODY + " bytes\n");
          req.connection().close();
        }
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      if (!req.response().ended()) {
        then.accept(body.getBytes());
      }
    });
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void text(HttpServerRequest req, int status, String body) {
    req.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(body);
  }

  private void loadKeyMaterial() {
    if (selfManaged != null) {
      selfManaged.start();
      return;
    }
    if (options.tlsCert() == null) {
      SelfSigned self = SelfSigned.generate(SelfSigned.hostNames());
      certPem = self.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      keyPem = self.privateKeyPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      LOG.info("serving a self-signed certificate for localhost (no certificate files given)");
      return;
    }
    certPem = read(options.tlsCert(), "TLS certificate");
    keyPem = read(options.tlsKey(), "TLS key");
  }

  /** The self-managed Secret's serving pair: kept before listening, swapped in behind the key manager after. */
  private synchronized void serveFromSecret(String cert, String key, String source) {
    byte[] certBytes = cert.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] keyBytes = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (keyManager != null) {
      keyManager.update(certBytes, keyBytes, source);
      LOG.info("serving the new certificate from {}", source);
    }
    certPem = certBytes;
    keyPem = keyBytes;
  }

  private void reloadKeyMaterial() {
    byte[] cert;
    byte[] key;
    try {
      cert = Files.readAllBytes(options.tlsCert());
      key = Files.readAllBytes(options.tlsKey());
    } catch (IOException e) {
      LOG.warn("TLS files unreadable, keeping the current certificate: {}", e.toString());
      return;
    }
    if (Arrays.equals(cert, certPem) && Arrays.equals(key, keyPem)) {
      return;
    }
    try {
      keyManager.update(cert, key, options.tlsCert() + " and " + options.tlsKey());
    } catch (ServerException e) {
      // A half-written pair (cert-manager writes two files): tried again at the next tick.
      LOG.warn("new TLS key pair not usable yet, keeping the current one: {}", e.getMessage());
      return;
    }
    certPem = cert;
    keyPem = key;
    LOG.info("reloaded TLS certificate from {}", options.tlsCert());
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ServerException(what + " " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerException(what + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ServerException(what + ": " + cause.getMessage(), cause);
    }
  }

  /** Whether {@code /readyz} answers 200: the maps are loaded and the warm-up is over. */
  public boolean ready() {
    return source.ready() && !warmingUp;
  }

  /** What the start-up warm-up did, once it is over; empty before, or without one. */
  java.util.Optional<WarmUp.Report> warmUpReport() {
    return java.util.Optional.ofNullable(warmedUp);
  }

  /** The port the server listens on (the one picked when the options said 0). */
  public int port() {
    return port;
  }

  /** The PEM certificate being served, so a client can trust a self-signed one. */
  public String certificatePem() {
    return new String(certPem, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The source of maps, for the CLI and tests. */
  public MapSource maps() {
    return source;
  }

  @Override
  public void close() {
    if (selfManaged != null) {
      selfManaged.close();
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("closing Vert.x: {}", e.toString());
    }
    source.close();
    if (probe instanceof AutoCloseable p) {
      closeQuietly(p, "the target probe");
    }
    if (secrets instanceof AutoCloseable c) {
      closeQuietly(c, "the secret lookup");
    }
    metrics.close();
  }

  private static void closeQuietly(AutoCloseable c, String what) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {}: {}", what, e.toString());
    }
  }
}
