package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.MediaTypes;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEAD /v2/<name>/manifests/<reference>}: whether it exists, and its descriptor when the
 * answer names the digest ({@code Docker-Content-Digest}, which the distribution spec says a
 * registry SHOULD send, not MUST) or the reference is one.
 */
final class ManifestChecker implements RegistryOperation<ManifestChecker.Answer> {
  /** Absent; present with its descriptor; or present without a digest to build one from. */
  record Answer(boolean present, Optional<Descriptor> descriptor) {
    static final Answer ABSENT = new Answer(false, Optional.empty());
  }

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
  public TransportRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "manifests", reference))
        .HEAD()
        .header("Accept", String.join(", ", MediaTypes.MANIFESTS));
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200, 404);
  }

  @Override
  public Answer handle(TransportResponse response) {
    Responses.discard(response);
    if (response.statusCode() == 404) {
      return Answer.ABSENT;
    }
    Optional<Digest> digest = Responses.contentDigest(response)
        .or(() -> reference.contains(":") ? Optional.of(Digest.parse(reference)) : Optional.empty());
    long size = response.firstValueAsLong("Content-Length").orElse(-1);
    String type = response.firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(null);
    return new Answer(true, digest.map(d -> Descriptor.of(type, d, size)));
  }
}
