package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

/** {@code HEAD /v2/<name>/blobs/<digest>}: the blob's size when it exists. */
final class BlobChecker implements RegistryOperation<OptionalLong> {
  private final String registry;
  private final String repository;
  private final Digest digest;

  BlobChecker(String registry, String repository, Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.digest = digest;
  }

  @Override
  public String describe() {
    return "check blob " + digest + " in " + registry + "/" + repository;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "blobs", digest.toString()))
        .HEAD();
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404);
  }

  @Override
  public OptionalLong handle(TransportResponse response) {
    Responses.discard(response);
    if (response.statusCode() == 404) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(response.firstValueAsLong("Content-Length").orElse(-1));
  }
}
