package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>} (OCI distribution 1.1): the index of the manifests
 * whose {@code subject} is {@code digest}, or empty when the registry has no referrers API. The
 * spec forbids a registry that has one to answer 404, so 404 (and 405, 501 from proxies) mean
 * none; then the fallback tag {@code sha256-<hex>} is where referrers are found.
 */
final class ReferrersLister implements RegistryOperation<Optional<Manifest>> {
  private final String registry;
  private final String repository;
  private final Digest digest;

  ReferrersLister(String registry, String repository, Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.digest = digest;
  }

  @Override
  public String describe() {
    return "list referrers of " + registry + "/" + repository + "@" + digest;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "referrers", digest.toString()))
        .GET().header("Accept", MediaTypes.OCI_INDEX);
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404, 405, 501);
  }

  @Override
  public Optional<Manifest> handle(TransportResponse response) throws IOException {
    if (response.statusCode() != 200) {
      Responses.discard(response);
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(ManifestPuller.MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > ManifestPuller.MAX_MANIFEST_BYTES) {
      throw RegistryRejectedException.unexpectedAnswer(describe() + ": referrers index larger than "
          + ManifestPuller.MAX_MANIFEST_BYTES + " bytes", 200);
    }
    Manifest index = Manifest.parse(bytes, MediaTypes.OCI_INDEX, describe());
    if (!index.isIndex()) {
      throw RegistryRejectedException.invalid(describe() + ": the answer is no index but " + index.mediaType());
    }
    return Optional.of(index);
  }
}
