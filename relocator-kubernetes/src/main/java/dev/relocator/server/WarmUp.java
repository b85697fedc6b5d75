package dev.relocator.server;

import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapSpec;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.MapStatus;
import dev.relocator.imagemap.MappingCatalog;
import dev.relocator.imagemap.Reconciler;
import dev.relocator.policy.AllowedPrefixes;
import dev.relocator.policy.ImageGlobs;
import dev.relocator.policy.Policy;
import dev.relocator.policy.PolicyId;
import dev.relocator.policy.PolicyMode;
import dev.relocator.policy.PolicySet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Before the server reports ready, it reviews a bundled dry-run pod through its own HTTPS port for
 * a bounded time, so that the JIT has compiled the TLS, HTTP and JSON path before the API server's
 * first review: a pod gets no traffic until it is ready. This lives at the edge (start-up), not in
 * the review path: the reviews are ordinary requests to {@code /mutate}, told apart only by a
 * header carrying a random token of this process, so that they are not counted in the metrics and
 * are answered, while the warm-up runs, by the same handler code over the sample's own mapping
 * ({@link #catalog()}): the path that relocates is the one to compile.
 *
 * <p>The client connects to its own server on loopback and sends nothing secret, so it does not
 * check the certificate: a self-managed one names the Service, not the loopback address.
 */
final class WarmUp {

  /** The sample's namespace. */
  static final String NAMESPACE = "relocator-warm-up";
  /** The header whose value is {@link #token()} on warm-up reviews. */
  static final String HEADER = "relocator-warm-up";
  /** Concurrent keep-alive connections, as an API server under load opens a few. */
  static final int CONNECTIONS = 8;
  /** Each connection is replaced after this many reviews, so handshakes are warmed up too. */
  static final int REVIEWS_PER_CONNECTION = 200;
  /** How often the end is checked (and the JIT's compilation time sampled) per second. */
  private static final int TICKS_PER_SECOND = 4;

  /**
   * What a warm-up did.
   *
   * @param jitLastSecond how long the JIT compiled in the warm-up's last second, null if unknown
   */
  record Report(long reviews, long failures, Duration took, Duration jitLastSecond) {}

  private final String token = UUID.randomUUID().toString();
  private final Buffer review;

  WarmUp() {
    this.review = Buffer.buffer(sampleReview());
  }

  /** The token warm-up reviews carry in {@link #HEADER}. */
  String token() {
    return token;
  }

  /**
   * Reviews the sample on {@code host:port} from {@link #CONNECTIONS} connections, with the
   * server's TLS {@code engine}, until {@link WarmUpEnd} says the {@code budget} is spent and the
   * JIT quiet; completes with what it did, never fails.
   */
  Future<Report> run(Vertx vertx, String host, int port, Duration budget, TlsEngine engine) {
    long start = System.nanoTime();
    WarmUpEnd end = new WarmUpEnd(budget);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reviews = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicInteger running = new AtomicInteger(CONNECTIONS);
    Promise<Report> done = Promise.promise();
    // The JIT's accumulated compilation time, sampled every tick: its growth over the last second.
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measured = jit != null && jit.isCompilationTimeMonitoringSupported();
    long[] samples = new long[TICKS_PER_SECOND + 1];
    int[] taken = {0};
    // How long the JIT compiled in the last second: null until a whole second has been sampled.
    AtomicReference<Duration> jitLastSecond = new AtomicReference<>();
    long timer = vertx.setPeriodic(1000 / TICKS_PER_SECOND, id -> {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      boolean over;
      if (measured) {
        long now = jit.getTotalCompilationTime();
        int n = taken[0]++;
        samples[n % samples.length] = now;
        if (n >= TICKS_PER_SECOND) {
          jitLastSecond.set(Duration.ofMillis(now - samples[(n - TICKS_PER_SECOND) % samples.length]));
        }
        over = jitLastSecond.get() == null
            ? end.overBeforeTheJitIsSampled(elapsed)
            : end.over(elapsed, reviews.get(), jitLastSecond.get());
      } else {
        over = end.over(elapsed, reviews.get(), null);
      }
      if (over) {
        stop.set(true);
        vertx.cancelTimer(id);
      }
    });
    // The client on the server's engine: a cold JDK client would spend the budget's CPU on its
    // own handshakes rather than on the server's path.
    HttpClientOptions options = new HttpClientOptions()
        .setSslEngineOptions(engine == TlsEngine.OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setKeepAlive(true).setMaxPoolSize(CONNECTIONS);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
        .setURI("/mutate").putHeader("content-type", "application/json").putHeader(HEADER, token);
    HttpClient[] clients = new HttpClient[CONNECTIONS];
    for (int i = 0; i < CONNECTIONS; i++) {
      clients[i] = vertx.createHttpClient(new HttpClientOptions(options).setMaxPoolSize(1));
    }
    for (int i = 0; i < CONNECTIONS; i++) {
      int slot = i;
      loop(vertx, clients, slot, options, request, stop, 0, reviews, failures, () -> {
        if (running.decrementAndGet() == 0) {
          vertx.cancelTimer(timer);
          done.complete(new Report(reviews.get(), failures.get(), Duration.ofNanos(System.nanoTime() - start),
              jitLastSecond.get()));
        }
      });
    }
    return done.future();
  }

  private void loop(Vertx vertx, HttpClient[] clients, int slot, HttpClientOptions options, RequestOptions request,
      AtomicBoolean stop, int onThisConnection, AtomicLong reviews, AtomicLong failures, Runnable finished) {
    if (stop.get()) {
      clients[slot].close();
      finished.run();
      return;
    }
    int count = onThisConnection;
    if (count >= REVIEWS_PER_CONNECTION) {
      clients[slot].close();
      clients[slot] = vertx.createHttpClient(new HttpClientOptions(options).setMaxPoolSize(1));
      count = 0;
    }
    int next = count + 1;
    Future<Integer> answer;
    try {
      answer = clients[slot].request(request)
          .compose(req -> req.send(review))
          .compose(resp -> resp.body().map(body -> resp.statusCode()));
    } catch (IllegalStateException closed) {
      // The server is closing and Vert.x closed this client under the warm-up: nothing left to warm.
      finished.run();
      return;
    }
    answer.onComplete(status -> {
      if (status.succeeded() && status.result() == 200) {
        reviews.incrementAndGet();
      } else if (failures.incrementAndGet() > 100) {
        // Something is wrong with the server itself; warming up further would not help.
        clients[slot].close();
        finished.run();
        return;
      }
      loop(vertx, clients, slot, options, request, stop, next, reviews, failures, finished);
    });
  }

  /**
   * A dry-run review of a pod with an init container and two containers, as kube-apiserver sends
   * it for {@code kubectl apply} (managed fields, a projected volume, tolerations; strings, numbers,
   * booleans and nulls), in a namespace of its own: the parser meets every kind of value a cluster's
   * reviews hold, so its compiled code has no untaken branch for the first real review to trip on.
   */
  static byte[] sampleReview() {
    try (InputStream in = WarmUp.class.getResourceAsStream("warm-up-review.json")) {
      if (in == null) {
        throw new IllegalStateException("warm-up-review.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled warm-up review", e);
    }
  }

  /**
   * The mapping warm-up reviews are answered with: the sample's three images relocated, whatever
   * the maps in force say about its namespace, so that relocating, the patch and the warnings are
   * compiled before ready (with the maps of a cluster, the sample's namespace usually has none).
   */
  static MappingCatalog catalog() {
    List<MapSpec.Entry> entries = List.of(
        new MapSpec.Entry("busybox", "relocator-warm-up.invalid/busybox"),
        new MapSpec.Entry("nginx", "relocator-warm-up.invalid/nginx"),
        new MapSpec.Entry("registry.k8s.io/pause", "relocator-warm-up.invalid/pause"));
    MapState state = new MapState(MapId.namespaced(NAMESPACE, "warm-up"), 1, Instant.EPOCH,
        MapSpec.of(entries, null, null), null, null);
    MapStatus status = Reconciler.reconcile(List.of(state), ns -> Map.of(), Reconciler.RejectedUpdate.KEEP,
        Instant.EPOCH).get(state.id());
    return MappingCatalog.of(List.of(state.withStatus(status)), ns -> Map.of());
  }

  /**
   * The policies the warm-up's reviews are checked against: one that allows the sample's relocated
   * images, so the policy check is compiled and the review ends in the patch. The cluster's own
   * policies would deny them (a "mirror only" policy does not name the warm-up's registry), and
   * the warm-up would compile the refusal instead.
   */
  static PolicySet policies() {
    Policy allowWarmUp = new Policy(PolicyId.cluster("relocator-warm-up"),
        AllowedPrefixes.parse("warm-up", List.of("relocator-warm-up.invalid")), PolicyMode.WARN, null,
        ImageGlobs.NONE);
    return new PolicySet(List.of(allowWarmUp), ns -> Map.of());
  }
}
