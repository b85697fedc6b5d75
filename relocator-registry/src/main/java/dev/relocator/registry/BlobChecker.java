package dev.relocator.registry;

import dev.relocator.image.Digest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  public HttpRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "blobs", digest.toString()))
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404);
  }

  @Override
  public OptionalLong handle(HttpResponse<InputStream> response) {
    Responses.discard(response);
    if (response.statusCode() == 404) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(response.headers().firstValueAsLong("Content-Length").orElse(-1));
  }
}
