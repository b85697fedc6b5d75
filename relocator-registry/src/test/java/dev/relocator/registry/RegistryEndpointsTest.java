package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.registry.error.RegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryEndpointsTest {
  @ParameterizedTest
  @CsvSource({
      "hub.relocator.test=https://127.0.0.1:5000, hub.relocator.test, https://127.0.0.1:5000",
      "hub.relocator.test=http://127.0.0.1:5000/, hub.relocator.test, http://127.0.0.1:5000",
      "hub.relocator.test=HTTP://127.0.0.1:5000, hub.relocator.test, http://127.0.0.1:5000",
      "hub.relocator.test=127.0.0.1:5000, hub.relocator.test, 127.0.0.1:5000",
      "localhost:5000=https://[::1]:5001, localhost:5000, https://[::1]:5001",
      // Reference-normalisation data: names are folded as references fold them.
      "docker.io=https://mirror.relocator.test, docker.io, https://mirror.relocator.test",
      "index.docker.io=mirror.relocator.test:5000, docker.io, mirror.relocator.test:5000"})
  void entriesMapACanonicalNameToAnEndpoint(String entry, String name, String endpoint) {
    RegistryEndpoints endpoints = RegistryEndpoints.parse(List.of(entry));
    assertThat(endpoints.of(name)).containsExactly(endpoint);
    assertThat(endpoints.isMapped(name)).isTrue();
  }

  @Test
  void severalEndpointsForOneNameKeepTheirOrderAndUnmappedNamesAreTheirOwnEndpoint() {
    RegistryEndpoints endpoints = RegistryEndpoints.parse(
        List.of("hub.relocator.test=http://127.0.0.1:1", "hub.relocator.test=127.0.0.1:2"));
    assertThat(endpoints.of("hub.relocator.test")).containsExactly("http://127.0.0.1:1", "127.0.0.1:2");
    assertThat(endpoints.of("127.0.0.1:5000")).containsExactly("127.0.0.1:5000");
    assertThat(endpoints.isMapped("127.0.0.1:5000")).isFalse();
  }

  @Test
  void dockerHubWithoutAMappingFailsNamingTheOptionToSet() {
    assertThatThrownBy(() -> RegistryEndpoints.none().of("docker.io"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("registry docker.io is Docker Hub's canonical name, not the host its API is served on")
        .hasMessageContaining("--registry-endpoint docker.io=https://HOST[:PORT]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hub.relocator.test|expected NAME=ENDPOINT",
      "=127.0.0.1:5000|expected NAME=ENDPOINT",
      "hub.relocator.test=|expected NAME=ENDPOINT",
      "plainname=127.0.0.1:5000|\"plainname\" is not a registry name",
      "hub.relocator.test/path=127.0.0.1:5000|a name has no path",
      "hub.relocator.test=ftp://127.0.0.1|scheme must be http or https",
      "hub.relocator.test=https://127.0.0.1:5000/v2/|without path, query or user",
      "hub.relocator.test=https://user@127.0.0.1:5000|without path, query or user"})
  void invalidEntriesAreQuotedWithTheReason(String entry, String reason) {
    assertThatThrownBy(() -> RegistryEndpoints.parse(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid registry endpoint \"" + entry + "\"")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource({"https://127.0.0.1:5000, 127.0.0.1:5000", "127.0.0.1:5000, 127.0.0.1:5000", "http://h, h"})
  void hostPortOfAnEndpointIsWhatInsecureAndCredentialLookupsName(String endpoint, String hostPort) {
    assertThat(RegistryEndpoints.hostPort(endpoint)).isEqualTo(hostPort);
  }
}
