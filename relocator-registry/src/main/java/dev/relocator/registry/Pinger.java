package dev.relocator.registry;

import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.net.URI;
import java.util.List;

/** {@code GET /v2/}: the registry speaks the distribution API and accepts our credentials. */
final class Pinger implements RegistryOperation<Void> {
  private final String registry;

  Pinger(String registry) {
    this.registry = registry;
  }

  @Override
  public String describe() {
    return "ping registry " + registry;
  }

  @Override
  public List<String> scopes() {
    return List.of();
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    return Responses.small(base.resolve("/v2/")).GET();
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200);
  }

  @Override
  public Void handle(TransportResponse response) {
    Responses.discard(response);
    return null;
  }
}
