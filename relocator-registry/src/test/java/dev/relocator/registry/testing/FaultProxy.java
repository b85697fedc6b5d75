package dev.relocator.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of a plain registry that injects faults: random 500s, 429s with
 * {@code Retry-After}, cut connections (seeded and bounded in count), and optionally a hard cut of
 * every response once a byte budget is spent, to interrupt a copy mid-way.
 */
public final class FaultProxy implements AutoCloseable {
  /** What the proxy may do to a request instead of forwarding it faithfully. */
  public enum Fault {
    SERVER_ERROR,
    TOO_MANY_REQUESTS,
    CUT_CONNECTION
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "transfer-encoding", "host", "expect", "upgrade",
          "keep-alive", "te", "trailer", "proxy-connection", "date");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient upstreamClient;
  private final URI upstream;
  private final Random random;
  private final double probability;
  private final int maxFaults;
  private final List<Fault> kinds;
  private final AtomicInteger faults = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile long byteBudget = Long.MAX_VALUE;
  private volatile Set<String> droppingFor = Set.of();
  private volatile Set<String> droppedResponseHeaders = Set.of();
  private final List<String> requestLog = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicLong bytesForwarded = new AtomicLong();

  private FaultProxy(URI upstream, long seed, double probability, int maxFaults, List<Fault> kinds)
      throws IOException {
    this.upstream = upstream;
    this.random = new Random(seed);
    this.probability = probability;
    this.maxFaults = maxFaults;
    this.kinds = List.copyOf(kinds);
    this.upstreamClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newFixedThreadPool(16, r -> new Thread(r, "test-fault-proxy"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a proxy to {@code upstream} that answers each request with one of {@code kinds} with
   * probability {@code probability}, at most {@code maxFaults} times, choices drawn from {@code seed}.
   */
  public static FaultProxy start(
      URI upstream, long seed, double probability, int maxFaults, Fault... kinds) {
    try {
      return new FaultProxy(upstream, seed, probability, maxFaults, List.of(kinds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A faithful proxy that only cuts once {@link #cutAfterBytes} is spent. */
  public static FaultProxy faithful(URI upstream) {
    return start(upstream, 0, 0, 0);
  }

  /** From now on, every response body is cut once {@code bytes} more bytes have been forwarded. */
  public void cutAfterBytes(long bytes) {
    this.byteBudget = bytesForwarded.get() + bytes;
  }

  /**
   * From now on, answers to requests with one of {@code methods} lose these headers (names in any
   * case), as some registries omit them.
   */
  public void dropResponseHeaders(Set<String> methods, String... names) {
    Set<String> lower = new java.util.HashSet<>();
    for (String name : names) {
      lower.add(name.toLowerCase());
    }
    this.droppingFor = Set.copyOf(methods);
    this.droppedResponseHeaders = Set.copyOf(lower);
  }

  /** Every request so far as {@code METHOD /path}, without its query, in arrival order. */
  public List<String> requestLog() {
    return List.copyOf(requestLog);
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public int faultsInjected() {
    return faults.get();
  }

  public int requests() {
    return requests.get();
  }

  private Fault nextFault() {
    synchronized (random) {
      if (kinds.isEmpty() || faults.get() >= maxFaults || random.nextDouble() >= probability) {
        return null;
      }
      faults.incrementAndGet();
      return kinds.get(random.nextInt(kinds.size()));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    requestLog.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    try (exchange) {
      Fault fault = nextFault();
      if (fault == Fault.CUT_CONNECTION && exchange.getRequestMethod().equals("GET")) {
        forward(exchange, true);
      } else if (fault != null) {
        inject(exchange, fault);
      } else {
        forward(exchange, false);
      }
    } catch (IOException | RuntimeException e) {
      // The client sees a dropped connection, which is what a broken upstream looks like.
    }
  }

  private static void inject(HttpExchange exchange, Fault fault) throws IOException {
    exchange.getRequestBody().readAllBytes();
    switch (fault) {
      case SERVER_ERROR -> error(exchange, 500, "UNKNOWN", "injected server error");
      case TOO_MANY_REQUESTS -> {
        exchange.getResponseHeaders().set("Retry-After", "1");
        error(exchange, 429, "TOOMANYREQUESTS", "injected rate limit");
      }
      case CUT_CONNECTION -> {
        // Closing an exchange before any response drops the connection: the client sees EOF.
        throw new IOException("cut");
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] body =
        ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private void forward(HttpExchange exchange, boolean cutHalfway) throws IOException {
    String method = exchange.getRequestMethod();
    URI target = upstream.resolve(exchange.getRequestURI().toString());
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
        for (String value : header.getValue()) {
          request.header(header.getKey(), value);
        }
      }
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    boolean chunked = "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Transfer-Encoding"));
    HttpRequest.BodyPublisher body;
    if (length != null && Long.parseLong(length) > 0) {
      body = HttpRequest.BodyPublishers.fromPublisher(
          HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), Long.parseLong(length));
    } else if (chunked) {
      body = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
    } else {
      body = HttpRequest.BodyPublishers.noBody();
    }
    request.method(method, body);
    HttpResponse<InputStream> response;
    try {
      response = upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String proxyBase = "http://" + hostPort();
    String upstreamBase = upstream.toString().replaceAll("/$", "");
    Set<String> dropped = droppingFor.contains(method) ? droppedResponseHeaders : Set.of();
    response.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase();
      if (!HOP_BY_HOP.contains(lower) && !dropped.contains(lower) && !name.equals(":status")) {
        for (String value : values) {
          exchange.getResponseHeaders().add(
              name, name.equalsIgnoreCase("Location") ? value.replace(upstreamBase, proxyBase) : value);
        }
      }
    });
    long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    try (InputStream in = response.body()) {
      if (method.equals("HEAD")) {
        if (contentLength >= 0) {
          exchange.getResponseHeaders().set("Content-Length", Long.toString(contentLength));
        }
        exchange.sendResponseHeaders(response.statusCode(), -1);
        return;
      }
      exchange.sendResponseHeaders(response.statusCode(), contentLength <= 0 ? (contentLength == 0 ? -1 : 0) : contentLength);
      OutputStream out = exchange.getResponseBody();
      long cutAt = cutHalfway ? Math.max(0, contentLength / 2) : Long.MAX_VALUE;
      long sent = 0;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        long after = bytesForwarded.addAndGet(n);
        if (after > byteBudget) {
          int allowed = (int) Math.max(0, n - (after - byteBudget));
          out.write(buffer, 0, allowed);
          out.flush();
          throw new IOException("byte budget spent: cutting the connection");
        }
        if (sent + n > cutAt) {
          out.write(buffer, 0, (int) (cutAt - sent));
          out.flush();
          throw new IOException("injected cut halfway through the body");
        }
        out.write(buffer, 0, n);
        sent += n;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
