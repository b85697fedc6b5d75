package dev.relocator.registry;

import dev.relocator.IoErrors;
import dev.relocator.registry.auth.Authenticator;
import dev.relocator.registry.auth.Credentials;
import dev.relocator.registry.error.ErrorResponses;
import dev.relocator.registry.error.PlainHttpRegistryException;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sends {@link RegistryOperation}s to one registry: picks the scheme (HTTPS; for an insecure
 * registry HTTPS without verification, then HTTP), authenticates, retries 429, 5xx and broken
 * connections per the {@link RetryPolicy}, and decodes error bodies. Requests travel on the
 * {@link RegistryTransport}.
 */
final class RegistryEndpointCaller {
  private final String registry;
  private final RegistryTransport transport;
  private final Authenticator authenticator;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final List<String> endpoints;
  private volatile URI base;

  /**
   * How long an insecure registry may leave the TLS hello unanswered before it is taken for plain
   * HTTP (a TLS server answers within a round trip), unless the connect timeout is shorter.
   */
  private static final Duration PLAIN_SERVER_SILENCE = Duration.ofSeconds(2);

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
    this.authenticator = new Authenticator(registry, credentials, transport);
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
    // Docker's insecure registries: try HTTPS without verification, fall back to plain HTTP. Most
    // plain servers answer a TLS hello at once (the JDK words their answer "unrecognized SSL
    // message"), but some wait for the end of a request line that never comes: a hello left
    // unanswered for a moment means plain HTTP too.
    try {
      probe(https, PLAIN_SERVER_SILENCE.compareTo(transport.connectTimeout()) < 0
          ? PLAIN_SERVER_SILENCE : transport.connectTimeout());
      return https;
    } catch (IOException e) {
      // A server that answered the hello in plain HTTP, any other TLS failure, or one that
      // closed or ignored the hello: HTTP it is.
      return URI.create("http://" + endpoint);
    }
  }

  /** {@code GET /v2/} at {@code base}; a server that does not speak its scheme may say nothing: the wait is bounded. */
  private void probe(URI base) throws IOException {
    probe(base, transport.connectTimeout());
  }

  /** {@code GET /v2/} at {@code base}, given up when the server is silent for {@code silence}. */
  private void probe(URI base, Duration silence) throws IOException {
    TransportRequest probe = TransportRequest.newBuilder(base.resolve("/v2/")).timeout(transport.connectTimeout())
        .readTimeout(silence).GET().build();
    Responses.discard(transport.send(probe, RegistryTransport.hostPort(base), "probe " + base));
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
        TransportRequest.Builder request = operation.request(endpoint);
        authenticator.authorization(operation.scopes()).ifPresent(a -> request.setHeader("Authorization", a));
        TransportResponse response = transport.send(request.build(), RegistryTransport.hostPort(endpoint), what);
        int status = response.statusCode();
        if (operation.acceptedStatuses().contains(status)) {
          return operation.handle(response);
        }
        byte[] body = readError(response);
        if (status == 401) {
          String challenge = response.firstValue("WWW-Authenticate").orElse(null);
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
        retryAfter = response.firstValue("Retry-After")
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
        String failed = what + ": TLS with " + registry + via(endpoint) + " failed: ";
        if (answeredInPlainHttp(e)) {
          // The endpoint to declare insecure travels as a fact: the CLI words how to declare it.
          throw PlainHttpRegistryException.of(failed + "it answers in plain HTTP (declare it an insecure registry to use HTTP)",
              RegistryTransport.hostPort(endpoint), e);
        }
        throw RegistryUnavailableException.permanent(failed + describe(e)
            + " (trust its CA with a CA file, or declare it an insecure registry)", e);
      } catch (IOException e) {
        if (!RetryPolicy.retries(e)) {
          throw RegistryUnavailableException.permanent(what + via(endpoint) + ": " + describe(e), e);
        }
        last = RegistryUnavailableException.retryable(what + via(endpoint) + ": " + describe(e), e);
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

  void pause(Duration delay, String what) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryUnavailableException.interrupted(what, e);
    }
  }

  /** A certificate or host name the client does not trust, or a peer that does not speak TLS: no retry mends it. */
  private static boolean isHandshakeFailure(SSLException e) {
    return e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException || answeredInPlainHttp(e);
  }

  /**
   * The JDK's words for a TLS hello answered by something that is not TLS, in practice an HTTP
   * server: "Unsupported or unrecognized SSL message".
   */
  static boolean answeredInPlainHttp(SSLException e) {
    return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unrecognized ssl message");
  }

  static String describe(IOException e) {
    return IoErrors.reason(e);
  }

  private static byte[] readError(TransportResponse response) throws IOException {
    try (InputStream in = response.body()) {
      return in.readNBytes(64 * 1024);
    }
  }
}
