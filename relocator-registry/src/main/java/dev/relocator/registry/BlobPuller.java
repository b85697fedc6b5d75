package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.oci.DigestVerifyingInputStream;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, streamed: the returned stream verifies the digest (and
 * size, when known) at its end; a stream for a copy checks the size only.
 */
final class BlobPuller implements RegistryOperation<InputStream> {
  private final String registry;
  private final String repository;
  private final Digest digest;
  private final long size;
  private final boolean hashed;

  BlobPuller(String registry, String repository, Digest digest, long size, boolean hashed) {
    this.registry = registry;
    this.repository = repository;
    this.digest = digest;
    this.size = size;
    this.hashed = hashed;
  }

  @Override
  public String describe() {
    return "pull blob " + digest + " from " + registry + "/" + repository;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    // No overall timeout (a large layer takes long); the stall timeout bounds each read instead.
    return TransportRequest.newBuilder(Responses.url(base, repository, "blobs", digest.toString())).GET();
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return List.of(200);
  }

  @Override
  public InputStream handle(TransportResponse response) {
    long length = response.firstValueAsLong("Content-Length").orElse(size);
    if (size >= 0 && length >= 0 && length != size) {
      Responses.discard(response);
      throw RegistryRejectedException.unexpectedAnswer(describe() + ": registry announces " + length + " bytes, descriptor says " + size, 200);
    }
    InputStream body = response.body(); // bounded by the stall timeout: see OkHttpTransport
    long expected = size >= 0 ? size : length;
    return hashed ? new DigestVerifyingInputStream(body, digest, expected, describe())
        : DigestVerifyingInputStream.sizeOnly(body, digest, expected, describe());
  }
}
