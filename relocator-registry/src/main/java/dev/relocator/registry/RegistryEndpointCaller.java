package dev.relocator.registry;

import dev.relocator.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends {@link RegistryOperation}s to one registry: picks the scheme (HTTPS; for an insecure
 * registry HTTPS without verification, then HTTP), authenticates, retries 429, 5xx and broken
 * connections per the {@link RetryPolicy}, and decodes error bodies.
 */
final class RegistryEndpointCaller {
  private final String registry;
  private final RegistryTransport transport;
  private final Authenticator authenticator;
  private final BlobConnections blobConnections;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final List<String> endpoints;
  private volatile URI base;

  /** Pauses between attempts; tests and cancellation see {@link InterruptedException}. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  RegistryEndpointCaller(String registry, RegistryTransport transport, Optional<Credentials> credentials,
      RetryPolicy retryPolicy, Sleeper sleeper) {
    this(registry, List.of(registry), transport, credentials, retryPolicy, sleeper);
  }

  /** {@code endpoints}: where {@code registry}'s API is served, tried in order (see {@link RegistryEndpoints}). */
  RegistryEndpointCaller(String registry, List<String> endpoints, RegistryTransport transport,
      Optional<Credentials> credentials, RetryPolicy retryPolicy, Sleeper sleeper) {
    this.registry = registry;
    this.endpoints = List.copyOf(endpoints);
    this.transport = transport;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.authenticator = new Authenticator(registry, credentials, uri -> transport.client(hostPort(uri)));
    this.blobConnections = new BlobConnections(transport);
  }

  String registry() {
    return registry;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The base URI of the first endpoint that answers (only probed when there are several):
   * {@code https://endpoint}, an endpoint's own scheme, or for an insecure one whichever answers.
   * Synchronized: parallel first requests wait for one probe instead of each sending their own.
   */
  synchronized URI base() {
    URI b = base;
    if (b != null) {
      return b;
    }
    if (endpoints.size() == 1) {
      b = base(endpoints.get(0));
    } else {
      b = firstAnswering();
    }
    base = b;
    return b;
  }

  private URI firstAnswering() {
    List<String> failures = new ArrayList<>();
    for (String endpoint : endpoints) {
      URI candidate = base(endpoint);
      try {
        HttpRequest probe = HttpRequest.newBuilder(candidate.resolve("/v2/")).timeout(transport.connectTimeout()).GET().build();
        client(candidate).send(probe, HttpResponse.BodyHandlers.discarding());
        return candidate; // any HTTP answer, even 401, means the endpoint serves
      } catch (IOException e) {
        failures.add(candidate + ": " + describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("probe " + registry + ": interrupted", 0, List.of(), e);
      }
    }
    throw new RegistryUnavailableException("no endpoint of registry " + registry + " answers: "
        + String.join("; ", failures), 0, List.of(), null);
  }

  private URI base(String endpoint) {
    if (RegistryEndpoints.hasScheme(endpoint)) {
      return URI.create(endpoint);
    }
    URI https = URI.create("https://" + endpoint);
    if (!transport.isInsecure(endpoint)) {
      return https;
    }
    // Docker's insecure registries: try HTTPS without verification, fall back to plain HTTP.
    try {
      // A server that does not speak TLS may say nothing at all: bound the wait.
      HttpRequest probe = HttpRequest.newBuilder(https.resolve("/v2/")).timeout(transport.connectTimeout()).GET().build();
      transport.client(endpoint).send(probe, HttpResponse.BodyHandlers.discarding());
      return https;
    } catch (SSLException | ConnectException e) {
      return URI.create("http://" + endpoint);
    } catch (IOException e) {
      // A plain-HTTP server often just closes a TLS hello; that is the signal for HTTP too.
      return URI.create("http://" + endpoint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("probe " + registry + ": interrupted", 0, List.of(), e);
    }
  }

  /** The HTTP client for an endpoint: certificate checks off only if its host[:port] is insecure. */
  private HttpClient client(URI endpoint) {
    return transport.client(hostPort(endpoint));
  }

  /** Where a mapped registry was reached, for messages; empty when the name is the endpoint. */
  private String via(URI endpoint) {
    return endpoints.equals(List.of(registry)) ? "" : " (via " + endpoint + ")";
  }

  <T> T call(RegistryOperation<T> operation) {
    String what = operation.describe();
    URI endpoint = base();
    HttpClient client = client(endpoint);
    int attempts = operation.retryable() ? retryPolicy.maxAttempts() : 1;
    boolean authRetried = false;
    RegistryException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpRequest.Builder request = operation.request(endpoint);
        authenticator.authorization(operation.scopes()).ifPresent(a -> request.setHeader("Authorization", a));
        HttpResponse<InputStream> response = send(operation, endpoint, client, request.build(), what);
        int status = response.statusCode();
        if (operation.acceptedStatuses().contains(status)) {
          return operation.handle(response);
        }
        byte[] body = readError(response);
        if (status == 401) {
          String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
          if (authenticator.onUnauthorized(challenge, operation.scopes(), authRetried, what)) {
            authRetried = true;
            attempt--; // a new credential is not a retry of a failure
            continue;
          }
        }
        RegistryException error = ErrorResponses.exception(what, status, body);
        if (!(error instanceof RegistryUnavailableException)) {
          throw error;
        }
        last = error;
        retryAfter = response.headers().firstValue("Retry-After")
            .flatMap(v -> RetryPolicy.parseRetryAfter(v, ZonedDateTime.now()));
      } catch (SSLException e) {
        if (!isHandshakeFailure(e)) {
          last = new RegistryUnavailableException(what + ": " + describe(e), 0, List.of(), e);
          if (attempt < attempts) {
            pause(retryPolicy.delay(attempt, Optional.empty()), what);
          }
          continue;
        }
        // Certificates do not heal by retrying; say what would help.
        throw new RegistryUnavailableException(what + ": TLS with " + registry + via(endpoint) + " failed: " + describe(e)
            + " (trust its CA with a CA file, or declare it an insecure registry)", 0, List.of(), e);
      } catch (IOException e) {
        last = new RegistryUnavailableException(what + via(endpoint) + ": " + describe(e), 0, List.of(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(what + ": interrupted", 0, List.of(), e);
      }
      if (attempt < attempts) {
        pause(retryPolicy.delay(attempt, retryAfter), what);
      }
    }
    if (attempts > 1) {
      throw new RegistryUnavailableException(
          last.getMessage() + " (gave up after " + attempts + " attempts)", last.status(), last.errors(), last.getCause());
    }
    throw last;
  }

  /** Blob bytes go through {@link BlobConnections}, everything else through the JDK client. */
  private HttpResponse<InputStream> send(RegistryOperation<?> operation, URI endpoint, HttpClient client,
      HttpRequest request, String what) throws IOException, InterruptedException {
    if (!operation.movesBlobBytes()) {
      return sendFollowingRedirects(client, request);
    }
    try {
      return blobConnections.send(request, hostPort(endpoint), what);
    } catch (HttpRetryException e) {
      if (e.responseCode() != 401) {
        throw e;
      }
      // A streamed upload answered 401 while a JVM-wide java.net.Authenticator is installed:
      // HttpURLConnection can then throw instead of answering, so this attempt goes through the JDK client,
      // whose answer carries it. (Without one, a 401 comes back as a plain answer.)
      return sendFollowingRedirects(client, request);
    }
  }

  /**
   * Sends {@code request}; a GET or HEAD redirected elsewhere (blob storage behind a registry) is
   * followed without the registry's {@code Authorization} header, which must not leak to
   * another host.
   */
  private static HttpResponse<InputStream> sendFollowingRedirects(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    for (int hops = 0; hops < 5 && isRedirect(response.statusCode())
        && (request.method().equals("GET") || request.method().equals("HEAD")); hops++) {
      String location = response.headers().firstValue("Location").orElse(null);
      if (location == null) {
        return response;
      }
      try (InputStream ignored = response.body()) {
        // Drained by closing; only the Location mattered.
      }
      URI next = request.uri().resolve(location);
      HttpRequest.Builder follow = HttpRequest.newBuilder(next).method(request.method(), HttpRequest.BodyPublishers.noBody());
      request.timeout().ifPresent(follow::timeout);
      boolean sameOrigin = next.getHost() != null && next.getHost().equalsIgnoreCase(request.uri().getHost())
          && next.getPort() == request.uri().getPort() && next.getScheme().equalsIgnoreCase(request.uri().getScheme());
      request.headers().map().forEach((name, values) -> {
        if (sameOrigin || !name.equalsIgnoreCase("Authorization")) {
          values.forEach(v -> follow.header(name, v));
        }
      });
      request = follow.build();
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
    return response;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  void pause(Duration delay, String what) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(what + ": interrupted", 0, List.of(), e);
    }
  }

  private static boolean isHandshakeFailure(SSLException e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof javax.net.ssl.SSLHandshakeException || message.toLowerCase(java.util.Locale.ROOT).contains("unrecognized ssl message");
  }

  static String describe(IOException e) {
    return IoErrors.reason(e);
  }

  private static byte[] readError(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      return in.readNBytes(64 * 1024);
    }
  }

  private static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
