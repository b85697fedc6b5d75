package dev.relocator.registry;

import dev.relocator.image.Digest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/** {@code HEAD /v2/<name>/manifests/<reference>}: whether it exists, and its descriptor. */
final class ManifestChecker implements RegistryOperation<Optional<Descriptor>> {
  private final String registry;
  private final String repository;
  private final String reference;

  ManifestChecker(String registry, String repository, String reference) {
    this.registry = registry;
    this.repository = repository;
    this.reference = reference;
  }

  @Override
  public String describe() {
    return "check manifest " + registry + "/" + repository + ManifestPuller.separator(reference) + reference;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "manifests", reference))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Accept", String.join(", ", MediaTypes.MANIFESTS));
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404);
  }

  @Override
  public Optional<Descriptor> handle(HttpResponse<InputStream> response) {
    Responses.discard(response);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    Digest digest = Responses.contentDigest(response).orElseGet(() -> {
      if (reference.contains(":")) {
        return Digest.parse(reference);
      }
      throw new RegistryRejectedException(describe() + ": HEAD answered without Docker-Content-Digest", 200, List.of());
    });
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(null);
    return Optional.of(Descriptor.of(type, digest, size));
  }
}
