package dev.relocator.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.registry.error.RegistryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialProviderTest {
  @TempDir Path dir;

  private static String auth(String userPass) {
    return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dockerConfigIsReadFromDockerConfigDirElseHome() throws Exception {
    Path custom = Files.createDirectories(dir.resolve("custom"));
    Files.writeString(custom.resolve("config.json"),
        "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth("alice:pa:ss") + "\"}}}");
    Path home = Files.createDirectories(dir.resolve("home/.docker"));
    Files.writeString(home.resolve("config.json"),
        "{\"auths\":{\"https://127.0.0.1:5000/v1/\":{\"username\":\"bob\",\"password\":\"pw\"}}}");

    assertThat(CredentialProvider.dockerConfig(Map.of("DOCKER_CONFIG", custom.toString()), dir.resolve("home"))
        .find("127.0.0.1:5000")).contains(new Credentials("alice", "pa:ss"));
    assertThat(CredentialProvider.dockerConfig(Map.of(), dir.resolve("home")).find("127.0.0.1:5000"))
        .contains(new Credentials("bob", "pw"));
    assertThat(CredentialProvider.dockerConfig(Map.of(), dir.resolve("home")).find("127.0.0.1:5001")).isEmpty();
    assertThat(CredentialProvider.dockerConfig(Map.of(), dir.resolve("nobody")).find("127.0.0.1:5000")).isEmpty();
  }

  @Test
  void brokenAuthEntryNamesTheFileAndKey() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\":{\"r:1\":{\"auth\":\"" + auth("no-colon") + "\"}}}");
    assertThatThrownBy(() -> CredentialProvider.dockerConfigFile(file).find("r:1"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("docker config " + file + ": auths[\"r:1\"]: docker config auth entry is not base64 of user:password");
  }

  @Test
  void environmentCredentialsApplyToTheNamedRegistryOnlyWhenOneIsNamed() {
    Map<String, String> env = Map.of("RELOCATOR_REGISTRY_USERNAME", "u", "RELOCATOR_REGISTRY_PASSWORD", "p",
        "RELOCATOR_REGISTRY", "r:1");
    assertThat(CredentialProvider.fromEnvironment(env).find("r:1")).contains(new Credentials("u", "p"));
    assertThat(CredentialProvider.fromEnvironment(env).find("r:2")).isEmpty();
    assertThat(CredentialProvider.fromEnvironment(Map.of()).find("r:1")).isEmpty();
  }

  @Test
  void chainTakesTheFirstProviderThatKnowsTheRegistry() {
    CredentialProvider chain = CredentialProvider.chain(List.of(
        CredentialProvider.of("a:1", new Credentials("flag", "1")),
        registry -> java.util.Optional.of(new Credentials("fallback", "2"))));
    assertThat(chain.find("a:1")).contains(new Credentials("flag", "1"));
    assertThat(chain.find("b:1")).contains(new Credentials("fallback", "2"));
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1:5000, 127.0.0.1:5000", "https://reg.example:443/v1/, reg.example:443", "http://h/, h"})
  void dockerConfigKeysAreReducedToHostAndPort(String key, String host) {
    assertThat(DockerConfigKeys.host(key)).isEqualTo(host);
  }

  @Test
  void credentialsNeverPrintThePassword() {
    assertThat(new Credentials("u", "secret")).hasToString("Credentials[u, ****]");
  }

  @Test
  void brokenDockerConfigSaysWhichFileLineAndColumn() throws Exception {
    Path custom = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(custom.resolve("config.json"), "{\"auths\": {\"x\": \n");
    assertThatThrownBy(() ->
            CredentialProvider.dockerConfig(Map.of("DOCKER_CONFIG", custom.toString()), dir.resolve("home"))
                .find("127.0.0.1:5000"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("cannot read docker config " + custom.resolve("config.json") + ": line 2, column 1: ")
        .hasMessageContaining("end-of-input")
        .hasMessageNotContaining("\n").hasMessageNotContaining("Source");
  }
}
