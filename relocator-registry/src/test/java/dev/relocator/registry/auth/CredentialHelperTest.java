package dev.relocator.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.registry.error.RegistryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Docker credential helpers named by {@code credsStore} and {@code credHelpers}, run from a
 * directory the test puts on the provider's PATH (never the real one).
 */
class CredentialHelperTest {
  private static final String SECRET = "s3cret-from-helper";

  @TempDir Path dir;

  /** Writes {@code docker-credential-NAME}: it saves its stdin to NAME.stdin, then runs {@code body}. */
  private Path helper(String name, String body) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n"
        + "[ \"$1\" = get ] || { echo \"unexpected action $1\"; exit 3; }\n"
        + "cat > \"" + bin.resolve(name + ".stdin") + "\"\n"
        + body + "\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    return bin;
  }

  private CredentialProvider config(String json) throws Exception {
    return config(json, Duration.ofSeconds(10));
  }

  private CredentialProvider config(String json, Duration timeout) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return CredentialProvider.dockerConfigFile(file, dir.resolve("bin").toString(), timeout);
  }

  private String stdinOf(String name) throws Exception {
    return Files.readString(dir.resolve("bin").resolve(name + ".stdin"));
  }

  @Test
  void credsStoreHelperIsAskedWithTheServerUrlOnStdinAndItsAnswerIsUsed() throws Exception {
    helper("store", "printf '{\"ServerURL\":\"127.0.0.1:5000\",\"Username\":\"alice\",\"Secret\":\"" + SECRET + "\"}'");
    CredentialProvider provider = config("{\"auths\":{\"127.0.0.1:5000\":{}},\"credsStore\":\"store\"}");

    assertThat(provider.find("127.0.0.1:5000")).contains(new Credentials("alice", SECRET));
    assertThat(stdinOf("store")).isEqualTo("127.0.0.1:5000");
  }

  @Test
  void helperIsAskedWithTheKeyDockerStoredAtLoginWhenThereIsOne() throws Exception {
    helper("store", "printf '{\"Username\":\"bob\",\"Secret\":\"x\"}'");
    CredentialProvider provider = config("{\"auths\":{\"https://127.0.0.1:5000/v1/\":{}},\"credsStore\":\"store\"}");

    assertThat(provider.find("127.0.0.1:5000")).contains(new Credentials("bob", "x"));
    assertThat(stdinOf("store")).isEqualTo("https://127.0.0.1:5000/v1/");
  }

  @Test
  void credHelpersEntryForTheRegistryWinsOverCredsStoreAndAuths() throws Exception {
    helper("store", "printf '{\"Username\":\"from-store\",\"Secret\":\"1\"}'");
    helper("special", "printf '{\"Username\":\"from-special\",\"Secret\":\"2\"}'");
    CredentialProvider provider = config("{\"auths\":{\"127.0.0.1:5001\":{\"auth\":\""
        + Base64.getEncoder().encodeToString("file:3".getBytes(StandardCharsets.UTF_8)) + "\"}},"
        + "\"credsStore\":\"store\",\"credHelpers\":{\"127.0.0.1:5001\":\"special\"}}");

    assertThat(provider.find("127.0.0.1:5001")).contains(new Credentials("from-special", "2"));
    assertThat(provider.find("127.0.0.1:5002")).contains(new Credentials("from-store", "1"));
  }

  @Test
  void credentialsNotFoundMeansAnonymous() throws Exception {
    helper("store", "echo 'credentials not found in native keychain'; exit 1");
    assertThat(config("{\"credsStore\":\"store\"}").find("127.0.0.1:5000")).isEmpty();
  }

  @Test
  void tokenUserMakesTheSecretAnIdentityToken() throws Exception {
    helper("store", "printf '{\"Username\":\"<token>\",\"Secret\":\"refresh-me\"}'");
    Optional<Credentials> found = config("{\"credsStore\":\"store\"}").find("127.0.0.1:5000");

    assertThat(found).contains(Credentials.identityToken("refresh-me"));
    assertThat(found.get().isIdentityToken()).isTrue();
  }

  @Test
  void identityTokenInAuthsIsReadToo() throws Exception {
    CredentialProvider provider = config("{\"auths\":{\"127.0.0.1:5000\":{\"identitytoken\":\"idt\"}}}");
    assertThat(provider.find("127.0.0.1:5000")).contains(Credentials.identityToken("idt"));
  }

  @Test
  void aFailingHelperIsNamedWithItsMessage() throws Exception {
    helper("store", "echo 'keychain is locked'; exit 1");
    assertThatThrownBy(() -> config("{\"credsStore\":\"store\"}").find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("credential helper docker-credential-store get 127.0.0.1:5000: exit status 1: keychain is locked")
        .hasMessageContaining("config.json");
  }

  @Test
  void anAnswerThatIsNotJsonIsReportedWithoutEchoingIt() throws Exception {
    helper("store", "echo 'Username=alice Secret=" + SECRET + "'");
    assertThatThrownBy(() -> config("{\"credsStore\":\"store\"}").find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-store")
        .hasMessageContaining("not the JSON object {ServerURL, Username, Secret}")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aHelperThatHangsIsStoppedAfterTheTimeout() throws Exception {
    helper("slow", "sleep 20");
    long start = System.nanoTime();
    assertThatThrownBy(() -> config("{\"credsStore\":\"slow\"}", Duration.ofMillis(500)).find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-slow get 127.0.0.1:5000: no answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aHelperMissingFromThePathSaysSo() throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    assertThatThrownBy(() -> config("{\"credsStore\":\"absent\"}").find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("credential helper docker-credential-absent (named in docker config.json) is not on PATH");
  }

  @Test
  void helpersAreLookedUpOnThePathOfTheGivenEnvironment() throws Exception {
    helper("store", "printf '{\"Username\":\"env\",\"Secret\":\"p\"}'");
    Path configDir = Files.createDirectories(dir.resolve("cfg"));
    Files.writeString(configDir.resolve("config.json"), "{\"credsStore\":\"store\"}");
    CredentialProvider provider = CredentialProvider.dockerConfig(
        Map.of("DOCKER_CONFIG", configDir.toString(), "PATH", "/nonexistent:" + dir.resolve("bin")), dir);
    assertThat(provider.find("127.0.0.1:5000")).contains(new Credentials("env", "p"));
  }

  @Test
  void aHelperNameWithASlashIsRefused() throws Exception {
    assertThatThrownBy(() -> config("{\"credsStore\":\"../evil\"}").find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("credential helper name \"../evil\" must be a bare name");
  }

  /**
   * Reference-normalisation data: Docker Hub's credentials live under its legacy index key, which
   * the reference grammar folds onto the canonical name; the helper gets that key verbatim.
   */
  @Test
  void dockerHubsHelperIsAskedWithTheLegacyIndexKeyDockerStoredAtLogin() throws Exception {
    helper("store", "printf '{\"Username\":\"hub-user\",\"Secret\":\"hub-pass\"}'");
    CredentialProvider provider = config("{\"auths\":{\"https://index.docker.io/v1/\":{}},\"credsStore\":\"store\"}");

    assertThat(provider.find("docker.io")).contains(new Credentials("hub-user", "hub-pass"));
    assertThat(stdinOf("store")).isEqualTo("https://index.docker.io/v1/");
  }

  /** Reference-normalisation data: Docker Hub's legacy index name folds onto its canonical name. */
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:5000, 127.0.0.1:5000",
      "https://127.0.0.1:5000/v1/, 127.0.0.1:5000",
      "localhost, localhost",
      "plainname, plainname",
      "https://index.docker.io/v1/, docker.io",
      "docker.io, docker.io"})
  void configKeysNameTheRegistryReferencesUse(String key, String registry) {
    assertThat(DockerConfigKeys.registry(key)).isEqualTo(registry);
  }
}
