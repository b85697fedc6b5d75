package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/manifests/<reference>} accepting OCI and Docker v2 manifests and indexes;
 * the bytes are checked against the requested digest or the registry's digest header.
 */
final class ManifestPuller implements RegistryOperation<Manifest> {
  /** The distribution spec recommends accepting manifests up to 4 MiB; more is refused. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final String registry;
  private final String repository;
  private final String reference;

  ManifestPuller(String registry, String repository, String reference) {
    this.registry = registry;
    this.repository = repository;
    this.reference = reference;
  }

  static String separator(String reference) {
    return reference.contains(":") ? "@" : ":";
  }

  @Override
  public String describe() {
    return "pull manifest " + registry + "/" + repository + separator(reference) + reference;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    return Responses.small(Responses.url(base, repository, "manifests", reference))
        .GET()
        .header("Accept", String.join(", ", MediaTypes.MANIFESTS));
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200);
  }

  @Override
  public Manifest handle(TransportResponse response) throws IOException {
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw RegistryRejectedException.unexpectedAnswer(describe() + ": manifest larger than " + MAX_MANIFEST_BYTES + " bytes", 200);
    }
    Manifest manifest = Manifest.parse(bytes, response.firstValue("Content-Type").orElse(null), describe());
    Optional<Digest> expected = reference.contains(":") ? Optional.of(Digest.parse(reference)) : Responses.contentDigest(response);
    if (expected.isPresent() && expected.get().algorithm().equals("sha256") && !expected.get().equals(manifest.digest())) {
      throw new DigestMismatchException(describe(), expected.get(), manifest.digest());
    }
    return manifest;
  }
}
