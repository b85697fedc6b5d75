package dev.relocator.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RegistryEndpoints;
import dev.relocator.registry.RetryPolicy;
import dev.relocator.registry.error.RegistryAuthenticationException;
import dev.relocator.registry.error.RegistryUnavailableException;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from Docker credential helpers (a script the test writes, on a PATH given to the
 * provider) and mapped endpoints, against real registries.
 */
class CredentialHelperIT {
  private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200));
  private static final byte[] DATA = "a blob behind credentials".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** A docker config naming helper {@code name}, whose script answers {@code answer} (or fails). */
  private CredentialProvider helperConfig(String name, String body) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\ncat > /dev/null\n" + body + "\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    Path config = dir.resolve(name + ".json");
    Files.writeString(config, "{\"credsStore\":\"" + name + "\"}");
    return CredentialProvider.dockerConfigFile(config, bin.toString(), Duration.ofSeconds(10));
  }

  private static void pushAndCheck(RegistryClient client) {
    Digest digest = Digest.sha256(DATA);
    client.pushBlob("demo/app", digest, BlobContent.ofBytes(DATA));
    assertThat(client.checkBlob("demo/app", digest)).hasValue(DATA.length);
  }

  @Test
  void htpasswdRegistryIsReachedWithTheHelpersCredentialsAndAnonymouslyWhenItHasNone() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).htpasswd().start()) {
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry.hostPort()).build();
      CredentialProvider found = helperConfig("found", "printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}' x "
          + RegistryServer.USER + " " + RegistryServer.PASSWORD);
      pushAndCheck(RegistryClient.builder(registry.hostPort()).transport(transport).credentials(found)
          .retryPolicy(QUICK).build());

      CredentialProvider none = helperConfig("none", "echo 'credentials not found in native keychain'; exit 1");
      RegistryClient anonymous = RegistryClient.builder(registry.hostPort()).transport(transport).credentials(none)
          .retryPolicy(QUICK).build();
      assertThatThrownBy(() -> anonymous.checkBlob("demo/app", Digest.sha256(DATA)))
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("requires credentials");
    }
  }

  @Test
  void identityTokenFromAHelperIsExchangedAtTheTokenService() throws Exception {
    try (TokenServer tokens = TokenServer.start(dir, RegistryServer.USER, RegistryServer.PASSWORD);
        RegistryServer registry = RegistryServer.builder(dir.resolve("r")).token(tokens).start()) {
      RegistryTransport transport = RegistryTransport.builder().insecureRegistry(registry.hostPort()).build();
      CredentialProvider identity = helperConfig("identity",
          "printf '{\"Username\":\"<token>\",\"Secret\":\"" + TokenServer.IDENTITY_TOKEN + "\"}'");
      pushAndCheck(RegistryClient.builder(registry.hostPort()).transport(transport).credentials(identity)
          .retryPolicy(QUICK).build());
      assertThat(tokens.requestedScopes()).contains("repository:demo/app:pull,push");

      CredentialProvider stale = helperConfig("stale", "printf '{\"Username\":\"<token>\",\"Secret\":\"revoked\"}'");
      RegistryClient refused = RegistryClient.builder(registry.hostPort()).transport(transport).credentials(stale)
          .retryPolicy(QUICK).build();
      assertThatThrownBy(() -> refused.checkBlob("demo/app", Digest.sha256(DATA)))
          .isInstanceOf(RegistryAuthenticationException.class)
          .hasMessageContaining("with an identity token")
          .hasMessageNotContaining("revoked");
    }
  }

  @Test
  void aMappedNameIsServedByItsEndpointWithCredentialsKeptUnderTheName() throws Exception {
    try (RegistryServer registry = RegistryServer.builder(dir.resolve("r")).htpasswd().start()) {
      int closed = closedPort();
      RegistryEndpoints endpoints = RegistryEndpoints.parse(List.of(
          "hub.relocator.test=http://127.0.0.1:" + closed, "hub.relocator.test=http://" + registry.hostPort()));
      RegistryClient client = RegistryClient.builder("hub.relocator.test").endpoints(endpoints)
          .credentials(CredentialProvider.of("hub.relocator.test",
              new Credentials(RegistryServer.USER, RegistryServer.PASSWORD)))
          .retryPolicy(QUICK).build();
      pushAndCheck(client);

      // Credentials kept under the endpoint (a login to the mirror itself) serve too.
      RegistryClient byEndpoint = RegistryClient.builder("hub.relocator.test")
          .endpoints(RegistryEndpoints.parse(List.of("hub.relocator.test=http://" + registry.hostPort())))
          .credentials(CredentialProvider.of(registry.hostPort(),
              new Credentials(RegistryServer.USER, RegistryServer.PASSWORD)))
          .retryPolicy(QUICK).build();
      assertThat(byEndpoint.checkBlob("demo/app", Digest.sha256(DATA))).hasValue(DATA.length);

      RegistryClient dead = RegistryClient.builder("hub.relocator.test")
          .endpoints(RegistryEndpoints.parse(List.of("hub.relocator.test=http://127.0.0.1:" + closed)))
          .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))).build();
      assertThatThrownBy(() -> dead.checkBlob("demo/app", Digest.sha256(DATA)))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("in hub.relocator.test/demo/app")
          .hasMessageContaining("(via http://127.0.0.1:" + closed + ")");
    }
  }

  private static int closedPort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
