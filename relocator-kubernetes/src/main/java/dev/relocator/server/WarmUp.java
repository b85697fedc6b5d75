package dev.relocator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Before the server reports ready, it reviews a bundled dry-run pod through its own HTTPS port for
 * a bounded time, so that the JIT has compiled the TLS, HTTP and JSON path before the API server's
 * first review: a pod gets no traffic until it is ready. This lives at the edge (start-up), not in
 * the review path: the reviews are ordinary requests to {@code /mutate}, told apart only by a
 * header carrying a random token of this process, so that they are not counted in the metrics.
 *
 * <p>The client connects to its own server on loopback and sends nothing secret, so it does not
 * check the certificate: a self-managed one names the Service, not the loopback address.
 */
final class WarmUp {

  /** The header whose value is {@link #token()} on warm-up reviews. */
  static final String HEADER = "relocator-warm-up";
  /** Concurrent keep-alive connections, as an API server under load opens a few. */
  static final int CONNECTIONS = 8;
  /** Each connection is replaced after this many reviews, so handshakes are warmed up too. */
  static final int REVIEWS_PER_CONNECTION = 200;

  /** What a warm-up did. */
  record Report(long reviews, long failures, Duration took) {}

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
   * server's TLS {@code engine}, until {@code budget} has passed; completes with what it did,
   * never fails.
   */
  Future<Report> run(Vertx vertx, String host, int port, Duration budget, TlsEngine engine) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    AtomicLong reviews = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicInteger running = new AtomicInteger(CONNECTIONS);
    Promise<Report> done = Promise.promise();
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
      loop(vertx, clients, slot, options, request, deadline, 0, reviews, failures, () -> {
        if (running.decrementAndGet() == 0) {
          done.complete(new Report(reviews.get(), failures.get(), Duration.ofNanos(System.nanoTime() - start)));
        }
      });
    }
    return done.future();
  }

  private void loop(Vertx vertx, HttpClient[] clients, int slot, HttpClientOptions options, RequestOptions request,
      long deadline, int onThisConnection, AtomicLong reviews, AtomicLong failures, Runnable finished) {
    if (System.nanoTime() >= deadline) {
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
      loop(vertx, clients, slot, options, request, deadline, next, reviews, failures, finished);
    });
  }

  /**
   * A dry-run review of a pod with an init container and two containers, shaped as a kubectl
   * apply sends it, in a namespace of its own.
   */
  static byte[] sampleReview() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode review = json.createObjectNode().put("kind", "AdmissionReview").put("apiVersion", "admission.k8s.io/v1");
    ObjectNode request = review.putObject("request").put("uid", "00000000-0000-0000-0000-00000000000w");
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", "warm-up").put("namespace", "relocator-warm-up").put("operation", "CREATE").put("dryRun", true);
    request.putObject("userInfo").put("username", "relocator-warm-up");
    ObjectNode pod = request.putObject("object").put("kind", "Pod").put("apiVersion", "v1");
    ObjectNode metadata = pod.putObject("metadata").put("name", "warm-up").put("namespace", "relocator-warm-up");
    metadata.putObject("labels").put("app", "warm-up");
    metadata.putObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"warm-up\"},\"spec\":{}}\n");
    ObjectNode spec = pod.putObject("spec");
    container(spec.putArray("initContainers"), "init", "busybox:1.36");
    ArrayNode containers = spec.putArray("containers");
    container(containers, "web", "nginx:1.27");
    container(containers, "sidecar", "registry.k8s.io/pause:3.9");
    spec.put("restartPolicy", "Always").put("dnsPolicy", "ClusterFirst").put("schedulerName", "default-scheduler");
    try {
      return json.writeValueAsBytes(review);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("serialising a tree of strings cannot fail", e);
    }
  }

  private static void container(ArrayNode list, String name, String image) {
    ObjectNode c = list.addObject().put("name", name).put("image", image).put("imagePullPolicy", "IfNotPresent");
    c.putObject("resources");
    c.put("terminationMessagePath", "/dev/termination-log").put("terminationMessagePolicy", "File");
  }
}
