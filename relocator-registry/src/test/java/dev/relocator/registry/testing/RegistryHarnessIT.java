package dev.relocator.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: each registry setup starts and enforces what it was configured with. */
class RegistryHarnessIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void plainRegistryAnswersPingWithoutCredentials(@TempDir Path dir) throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir).start()) {
      assertThat(get(registry.baseUri().resolve("/v2/"), null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void htpasswdRegistryChallengesBasicAndAcceptsTheBcryptPassword(@TempDir Path dir) throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir).htpasswd().start()) {
      HttpResponse<String> anonymous = get(registry.baseUri().resolve("/v2/"), null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Basic"));
      assertThat(get(registry.baseUri().resolve("/v2/"), basic(RegistryServer.USER, RegistryServer.PASSWORD))
          .statusCode()).isEqualTo(200);
      assertThat(get(registry.baseUri().resolve("/v2/"), basic(RegistryServer.USER, "wrong"))
          .statusCode()).isEqualTo(401);
    }
  }

  @Test
  void tokenRegistryAcceptsTokensFromTheTestTokenServer(@TempDir Path dir) throws Exception {
    try (TokenServer tokens = TokenServer.start(dir, RegistryServer.USER, RegistryServer.PASSWORD);
        RegistryServer registry = RegistryServer.builder(dir).token(tokens).start()) {
      URI catalog = registry.baseUri().resolve("/v2/demo/app/tags/list");
      HttpResponse<String> anonymous = get(catalog, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
      assertThat(challenge).startsWith("Bearer").contains("realm=\"" + tokens.realm() + "\"");
      Matcher scope = Pattern.compile("scope=\"([^\"]+)\"").matcher(challenge);
      assertThat(scope.find()).isTrue();
      URI tokenUri = URI.create(tokens.realm() + "?service=" + TokenServer.SERVICE + "&scope=" + scope.group(1));
      String body = get(tokenUri, basic(RegistryServer.USER, RegistryServer.PASSWORD)).body();
      Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
      assertThat(token.find()).as(body).isTrue();
      // An unknown repository with a valid token is NAME_UNKNOWN, not UNAUTHORIZED.
      HttpResponse<String> authorised = get(catalog, "Bearer " + token.group(1));
      assertThat(authorised.statusCode()).as(authorised.body()).isEqualTo(404);
      assertThat(authorised.body()).contains("NAME_UNKNOWN");
    }
  }

  @Test
  void faultProxyInjectsBoundedSeededFaults(@TempDir Path dir) throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir).start();
        FaultProxy proxy = FaultProxy.start(registry.baseUri(), 7, 0.5, 5,
            FaultProxy.Fault.SERVER_ERROR, FaultProxy.Fault.TOO_MANY_REQUESTS)) {
      int failures = 0;
      for (int i = 0; i < 30; i++) {
        int status = get(URI.create("http://" + proxy.hostPort() + "/v2/"), null).statusCode();
        if (status != 200) {
          assertThat(status).isIn(500, 429);
          failures++;
        }
      }
      assertThat(failures).isEqualTo(5).isEqualTo(proxy.faultsInjected());
    }
  }

  private HttpResponse<String> get(URI uri, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
