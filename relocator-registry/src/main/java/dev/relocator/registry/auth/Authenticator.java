package dev.relocator.registry.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.relocator.IoErrors;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.ErrorResponses;
import dev.relocator.registry.error.RegistryAuthenticationException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authentication state of one registry: which scheme it challenged with, and Bearer tokens
 * cached per scope set until shortly before they expire.
 */
public final class Authenticator {

  /** Tokens are dropped this long before their stated expiry, so none expires in flight. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
  /** A token answer is a few KiB; more is read no further. */
  private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;

  @JsonIgnoreProperties(ignoreUnknown = true)
  record TokenResponseTemplate(
      String token,
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("expires_in") Integer expiresIn) {}

  private record Token(String value, Instant expires) {}

  private final String registry;
  private final Optional<Credentials> credentials;
  private final RegistryTransport transport;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  /** One lock per scope set, so parallel transfers wait for one token request instead of each sending one. */
  private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();
  private volatile AuthChallenge challenge;

  /** {@code transport} sends token requests, with the TLS rules of the token server's host. */
  public Authenticator(String registry, Optional<Credentials> credentials, RegistryTransport transport) {
    this.registry = registry;
    this.credentials = credentials;
    this.transport = transport;
  }

  /** The {@code Authorization} value to send for {@code scopes} now, fetching a token if needed. */
  public Optional<String> authorization(List<String> scopes) {
    AuthChallenge c = challenge;
    if (c == null) {
      return Optional.empty();
    }
    if (c.isBasic()) {
      return credentials.filter(cr -> !cr.isIdentityToken()).map(Credentials::basicHeader);
    }
    if (c.isBearer()) {
      String key = key(scopes);
      Token token = tokens.get(key);
      if (token == null || Instant.now().isAfter(token.expires())) {
        synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
          token = tokens.get(key);
          if (token == null || Instant.now().isAfter(token.expires())) {
            token = fetch(c, scopes);
          }
        }
      }
      return Optional.of("Bearer " + token.value());
    }
    return Optional.empty();
  }

  /**
   * Learns from a 401 while doing {@code what}; returns whether retrying with new authorization can
   * help (false when the same scheme and credentials were already tried).
   */
  public boolean onUnauthorized(String wwwAuthenticate, List<String> scopes, boolean alreadyRetried, String what) {
    AuthChallenge c = AuthChallenge.parse(wwwAuthenticate).orElseThrow(() ->
        RegistryAuthenticationException.unauthorized(what + ": HTTP 401 without a WWW-Authenticate challenge"));
    if (c.isBasic()) {
      if (credentials.isEmpty()) {
        throw RegistryAuthenticationException.unauthorized(what + ": registry " + registry
            + " requires credentials (basic) and none were found (flags, environment, docker config.json)");
      }
      if (credentials.get().isIdentityToken()) {
        throw RegistryAuthenticationException.unauthorized(what + ": registry " + registry + " asks for basic auth, but its "
            + "credentials are an identity token, which only a Bearer token service accepts");
      }
      boolean known = challenge != null && challenge.isBasic();
      challenge = c;
      return !known || !alreadyRetried;
    }
    if (c.isBearer()) {
      if (c.parameter("realm") == null) {
        throw RegistryAuthenticationException.unauthorized(what + ": Bearer challenge without realm: " + wwwAuthenticate);
      }
      challenge = c;
      if (alreadyRetried) {
        return false;
      }
      tokens.remove(key(scopes));
      return true;
    }
    throw RegistryAuthenticationException.unauthorized(what + ": unsupported auth scheme in challenge " + wwwAuthenticate);
  }

  private Token fetch(AuthChallenge c, List<String> scopes) {
    StringBuilder query = new StringBuilder();
    String service = c.parameter("service");
    if (service != null) {
      query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    for (String scope : new TreeSet<>(scopes)) {
      query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    String realm = c.parameter("realm");
    boolean identityToken = credentials.isPresent() && credentials.get().isIdentityToken();
    TransportRequest.Builder request;
    URI uri;
    if (identityToken) {
      // OAuth2 refresh-token grant, as Docker exchanges an identity token.
      uri = URI.create(realm);
      String form = "grant_type=refresh_token&client_id=relocator&refresh_token="
          + URLEncoder.encode(credentials.get().password(), StandardCharsets.UTF_8) + (query.length() == 0 ? "" : "&" + query);
      request = TransportRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(TransportRequest.Body.of(form.getBytes(StandardCharsets.UTF_8)));
    } else {
      uri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
      request = TransportRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
      credentials.ifPresent(cr -> request.header("Authorization", cr.basicHeader()));
    }
    String what = "get token" + (scopes.isEmpty() ? "" : " for " + String.join(" ", scopes)) + " from " + realm
        + (identityToken ? " with an identity token" : "");
    int status;
    byte[] answer;
    try {
      TransportResponse response = transport.send(request.build(), RegistryTransport.hostPort(uri), what);
      status = response.statusCode();
      try (InputStream in = response.body()) {
        answer = in.readNBytes(MAX_TOKEN_RESPONSE);
      }
    } catch (IOException e) {
      throw RegistryUnavailableException.retryable(what + ": " + IoErrors.reason(e), e);
    }
    if (status != 200) {
      String hint = credentials.isEmpty() ? " (no credentials found for " + registry + ")"
          : identityToken ? "" : " (as user " + credentials.get().username() + ")";
      // A 401 or 403 from the token service comes back as a RegistryAuthenticationException.
      throw ErrorResponses.exception(what + hint, status, answer);
    }
    TokenResponseTemplate body;
    try {
      body = JsonMappers.plain().readValue(answer, TokenResponseTemplate.class);
    } catch (IOException e) {
      throw RegistryRejectedException.unexpectedAnswer(what + ": token response is not JSON", 200);
    }
    String value = body.token() != null && !body.token().isEmpty() ? body.token() : body.accessToken();
    if (value == null || value.isEmpty()) {
      throw RegistryRejectedException.unexpectedAnswer(what + ": token response holds no token", 200);
    }
    // The spec's default lifetime is 60 seconds when expires_in is absent.
    int seconds = body.expiresIn() == null || body.expiresIn() <= 0 ? 60 : body.expiresIn();
    Token token = new Token(value, Instant.now().plusSeconds(seconds).minus(EXPIRY_MARGIN));
    tokens.put(key(scopes), token);
    return token;
  }

  private static String key(List<String> scopes) {
    return String.join(" ", new TreeSet<>(scopes));
  }
}
