package dev.relocator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.registry.http.RegistryTransport;
import java.net.URI;
import java.util.List;
import java.util.Optional;
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
  void dockerHubWithoutAMappingIsServedFromItsRegistryApiHostOverHttps() {
    for (RegistryEndpoints endpoints : List.of(RegistryEndpoints.none(),
        RegistryEndpoints.parse(List.of("hub.relocator.test=127.0.0.1:5000")))) {
      assertThat(endpoints.of("docker.io")).containsExactly("https://registry-1.docker.io");
      assertThat(endpoints.isMapped("docker.io")).isFalse();
    }
  }

  @Test
  void aMappingForDockerHubReplacesItsDefaultEndpoint() {
    RegistryEndpoints endpoints = RegistryEndpoints.parse(List.of("docker.io=http://127.0.0.1:5000"));
    assertThat(endpoints.of("docker.io")).containsExactly("http://127.0.0.1:5000");
  }

  /** What the client contacts: resolving a single endpoint with its scheme sends no request. */
  @Test
  void theClientResolvesDockerHubToItsRegistryApiHostUnlessMapped() {
    assertThat(base(RegistryEndpoints.none(), "docker.io")).isEqualTo(URI.create("https://registry-1.docker.io"));
    assertThat(base(RegistryEndpoints.parse(List.of("index.docker.io=http://127.0.0.1:5000")), "docker.io"))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
  }

  private static URI base(RegistryEndpoints endpoints, String registry) {
    return new RegistryEndpointCaller(registry, endpoints.of(registry), RegistryTransport.defaults(), Optional.empty(),
        RetryPolicy.DEFAULT, duration -> { }).base();
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
