package dev.relocator.registry;

import dev.relocator.IoErrors;
import dev.relocator.registry.auth.Authenticator;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.error.ErrorResponses;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.PlainHttpSniffer;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.http.UrlConnections;
import java.io.IOException;
import java.io.InputStream;
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
 * connections per the {@link RetryPolicy}, and decodes error bodies. Requests travel on
 * {@link UrlConnections}; a {@code PATCH}, which it cannot send, on the JDK's client.
 */
final class RegistryEndpointCaller {
  private final String registry;
  private final RegistryTransport transport;
  private final Authenticator authenticator;
  private final UrlConnections connections;
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
    this.connections = new UrlConnections(transport);
    this.authenticator = new Authenticator(registry, credentials, connections);
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
        probe(candidate);
        return candidate; // any HTTP answer, even 401, means the endpoint serves
      } catch (IOException e) {
        failures.add(candidate + ": " + describe(e));
      }
    }
    throw RegistryUnavailableException.retryable("no endpoint of registry " + registry + " answers: "
        + String.join("; ", failures), null);
  }

  private URI base(String endpoint) {
    if (RegistryEndpoints.hasScheme(endpoint)) {
      return URI.create(endpoint);
    }
    URI https = URI.create("https://" + endpoint);
    if (!transport.isInsecure(endpoint)) {
      return https;
    }
    // Docker's insecure registries: try HTTPS without verification, fall back to plain HTTP. A
    // server that answers a TLS hello in HTTP is known to be plain without setting up TLS.
    if (PlainHttpSniffer.answersPlainHttp(endpoint, transport.connectTimeout())) {
      return URI.create("http://" + endpoint);
    }
    try {
      probe(https);
      return https;
    } catch (IOException e) {
      // A TLS failure, or a plain-HTTP server that just closed the hello: HTTP it is.
      return URI.create("http://" + endpoint);
    }
  }

  /** {@code GET /v2/} at {@code base}; a server that does not speak its scheme may say nothing: the wait is bounded. */
  private void probe(URI base) throws IOException {
    HttpRequest probe = HttpRequest.newBuilder(base.resolve("/v2/")).timeout(transport.connectTimeout()).GET().build();
    Responses.discard(connections.send(probe, hostPort(base), "probe " + base));
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
    int attempts = operation.retryable() ? retryPolicy.maxAttempts() : 1;
    boolean authRetried = false;
    RegistryException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpRequest.Builder request = operation.request(endpoint);
        authenticator.authorization(operation.scopes()).ifPresent(a -> request.setHeader("Authorization", a));
        HttpResponse<InputStream> response = send(endpoint, request.build(), what);
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
          last = RegistryUnavailableException.retryable(what + ": " + describe(e), e);
          if (attempt < attempts) {
            pause(retryPolicy.delay(attempt, Optional.empty()), what);
          }
          continue;
        }
        // Certificates do not heal by retrying; say what would help.
        throw RegistryUnavailableException.permanent(what + ": TLS with " + registry + via(endpoint) + " failed: "
            + (answeredInPlainHttp(e) ? "it answers in plain HTTP (declare it an insecure registry to use HTTP)"
                : describe(e) + " (trust its CA with a CA file, or declare it an insecure registry)"), e);
      } catch (IOException e) {
        if (!RetryPolicy.retries(e)) {
          throw RegistryUnavailableException.permanent(what + via(endpoint) + ": " + describe(e), e);
        }
        last = RegistryUnavailableException.retryable(what + via(endpoint) + ": " + describe(e), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryUnavailableException.interrupted(what, e);
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

  /**
   * Sends {@code request} on {@link UrlConnections}, or a {@code PATCH} on the JDK client (built
   * only then). A JDK client does not follow redirects here, and a {@code PATCH} is not redirected.
   */
  private HttpResponse<InputStream> send(URI endpoint, HttpRequest request, String what)
      throws IOException, InterruptedException {
    if (!UrlConnections.carries(request)) {
      return client(endpoint).send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
    try {
      return connections.send(request, hostPort(endpoint), what);
    } catch (HttpRetryException e) {
      if (e.responseCode() != 401) {
        throw e;
      }
      // A streamed upload answered 401 while a JVM-wide java.net.Authenticator is installed:
      // HttpURLConnection can then throw instead of answering, so this attempt goes through the JDK client,
      // whose answer carries it. (Without one, a 401 comes back as a plain answer.)
      return client(endpoint).send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  void pause(Duration delay, String what) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryUnavailableException.interrupted(what, e);
    }
  }

  private static boolean isHandshakeFailure(SSLException e) {
    return e instanceof javax.net.ssl.SSLHandshakeException || answeredInPlainHttp(e);
  }

  /** The JDK's words for a TLS hello answered by something that is not TLS, in practice an HTTP server. */
  private static boolean answeredInPlainHttp(SSLException e) {
    return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unrecognized ssl message");
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
    return UrlConnections.hostPort(uri);
  }
}
