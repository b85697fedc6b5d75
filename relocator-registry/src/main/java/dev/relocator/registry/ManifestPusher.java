package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code PUT /v2/<name>/manifests/<reference>} with the manifest's exact bytes; answers the digest
 * the registry says it stored ({@code Docker-Content-Digest}), if it said one, which must be the
 * manifest's, and whether it said it indexed the manifest's {@code subject} ({@code OCI-Subject}).
 */
final class ManifestPusher implements RegistryOperation<ManifestPusher.Answer> {
  /**
   * @param subjectIndexed the registry answered {@code OCI-Subject}: it lists the manifest in its
   *     referrers API, and no fallback tag needs maintaining
   */
  record Answer(Optional<Digest> stored, boolean subjectIndexed) {}

  private final String registry;
  private final String repository;
  private final String reference;
  private final Manifest manifest;

  ManifestPusher(String registry, String repository, String reference, Manifest manifest) {
    this.registry = registry;
    this.repository = repository;
    this.reference = reference;
    this.manifest = manifest;
  }

  @Override
  public String describe() {
    return "push manifest " + manifest.digest() + " to " + registry + "/" + repository
        + ManifestPuller.separator(reference) + reference;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull,push");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "manifests", reference))
        .PUT(TransportRequest.Body.of(manifest.bytes()))
        .header("Content-Type", manifest.mediaType());
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 201);
  }

  @Override
  public Answer handle(TransportResponse response) {
    Responses.discard(response);
    Optional<Digest> stored = Responses.contentDigest(response);
    if (stored.isPresent() && !stored.get().equals(manifest.digest())) {
      throw new DigestMismatchException(describe(), manifest.digest(), stored.get());
    }
    return new Answer(stored, response.firstValue("OCI-Subject").isPresent());
  }
}
