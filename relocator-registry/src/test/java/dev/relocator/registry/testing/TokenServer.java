package dev.relocator.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relocator.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Bearer token service of a docker-registry configured with {@code auth.token}: it checks
 * Basic credentials (or, in an OAuth2 refresh-token POST, {@link #IDENTITY_TOKEN}) and issues
 * ES256 JWTs (with an {@code x5c} chain) that the real registry
 * validates against {@link #certificateFile()}.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "relocator-test-registry";
  public static final String ISSUER = "relocator-test-token-server";
  /** The refresh token it accepts in an OAuth2 refresh-token grant (Docker's identity token). */
  public static final String IDENTITY_TOKEN = "relocator-test-identity-token";

  private final HttpServer server;
  private final ExecutorService executor;
  private final TestPki.Issued signer;
  private final Path certificateFile;
  private final String user;
  private final String password;
  private final List<String> requestedScopes = new CopyOnWriteArrayList<>();

  private TokenServer(Path dir, String user, String password) throws IOException {
    this.user = user;
    this.password = password;
    this.signer = TestPki.selfSigned("relocator test token signer");
    this.certificateFile = signer.write(dir, "token-signer")[0];
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-token-server"));
    server.setExecutor(executor);
    server.createContext("/token", this::handle);
    server.start();
  }

  /** Starts a token server that issues tokens to {@code user}/{@code password} only. */
  public static TokenServer start(Path dir, String user, String password) {
    try {
      return new TokenServer(dir, user, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  public Path certificateFile() {
    return certificateFile;
  }

  /** Every {@code scope} parameter received, one entry per token request (joined by spaces). */
  public List<String> requestedScopes() {
    return List.copyOf(requestedScopes);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      boolean post = exchange.getRequestMethod().equals("POST");
      String query = post
          ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          : exchange.getRequestURI().getRawQuery();
      boolean allowed = post
          ? query != null && query.contains("grant_type=refresh_token") && query.contains("refresh_token=" + IDENTITY_TOKEN)
          : expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!allowed) {
        respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
        return;
      }
      List<String> scopes = new ArrayList<>();
      String service = null;
      for (String pair : query == null ? new String[0] : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (key.equals("scope")) {
          scopes.addAll(List.of(value.split(" ")));
        } else if (key.equals("service")) {
          service = value;
        }
      }
      requestedScopes.add(String.join(" ", scopes));
      if (!SERVICE.equals(service)) {
        respond(exchange, 400, "{\"error\":\"unknown service " + service + "\"}");
        return;
      }
      String token = token(scopes);
      // The OAuth2 form answers access_token, as distribution's token servers do.
      respond(
          exchange,
          200,
          "{\"" + (post ? "access_token" : "token") + "\":\"" + token + "\",\"expires_in\":300,\"issued_at\":\""
              + Instant.now() + "\"}");
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private String token(List<String> scopes) throws GeneralSecurityException {
    StringBuilder access = new StringBuilder();
    for (String scope : scopes) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last <= first) {
        continue;
      }
      if (access.length() > 0) {
        access.append(',');
      }
      access.append("{\"type\":\"").append(scope, 0, first).append("\",\"name\":\"")
          .append(scope, first + 1, last).append("\",\"actions\":[");
      String[] actions = scope.substring(last + 1).split(",");
      for (int i = 0; i < actions.length; i++) {
        access.append(i == 0 ? "" : ",").append('"').append(actions[i]).append('"');
      }
      access.append("]}");
    }
    long now = Instant.now().getEpochSecond();
    String header =
        "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
            + Base64.getEncoder().encodeToString(signer.certificate().getEncoded())
            + "\"]}";
    String claims =
        "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"aud\":\"" + SERVICE
            + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now
            + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    // JWS ES256 wants the raw r||s signature, which is the P1363 format.
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(signer.key());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + url.encodeToString(signature.sign());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
