package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * One step of an upload session: a {@code PATCH} chunk (answers the next location), or the
 * closing {@code PUT ?digest=} with the rest of the bytes (monolithic when it carries them all).
 * Steps are not retried alone: a half-written session is abandoned and the upload restarted.
 */
final class BlobUploadWriter implements RegistryOperation<URI> {
  private final String registry;
  private final String repository;
  private final URI location;
  private final Digest digest;
  private final long offset;
  private final long length;
  private final Supplier<InputStream> body;
  private final boolean last;

  private BlobUploadWriter(String registry, String repository, URI location, Digest digest, long offset, long length,
      Supplier<InputStream> body, boolean last) {
    this.registry = registry;
    this.repository = repository;
    this.location = location;
    this.digest = digest;
    this.offset = offset;
    this.length = length;
    this.body = body;
    this.last = last;
  }

  /** {@code PATCH} bytes {@code offset..offset+length-1}. */
  static BlobUploadWriter chunk(String registry, String repository, URI location, Digest digest, long offset,
      long length, Supplier<InputStream> body) {
    return new BlobUploadWriter(registry, repository, location, digest, offset, length, body, false);
  }

  /** The closing {@code PUT}, carrying {@code length} (possibly 0) remaining bytes. */
  static BlobUploadWriter finish(String registry, String repository, URI location, Digest digest, long offset,
      long length, Supplier<InputStream> body) {
    return new BlobUploadWriter(registry, repository, location, digest, offset, length, body, true);
  }

  @Override
  public String describe() {
    return (last ? "upload blob " : "upload chunk at " + offset + " of blob ") + digest + " to " + registry + "/" + repository;
  }

  @Override
  public List<String> scopes() {
    return List.of("repository:" + repository + ":pull,push");
  }

  @Override
  public TransportRequest.Builder request(URI base) {
    TransportRequest.Body publisher = TransportRequest.Body.streamed(body, length);
    if (last) {
      return TransportRequest.newBuilder(Responses.withQuery(location, "digest", digest.toString()))
          .PUT(publisher)
          .header("Content-Type", "application/octet-stream");
    }
    return TransportRequest.newBuilder(location)
        .PATCH(publisher)
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", offset + "-" + (offset + length - 1));
  }

  @Override
  public List<Integer> acceptedStatuses() {
    return last ? List.of(201) : List.of(202);
  }

  @Override
  public URI handle(TransportResponse response) {
    Responses.discard(response);
    if (last) {
      Responses.contentDigest(response).ifPresent(stored -> {
        if (!stored.equals(digest)) {
          throw new DigestMismatchException(describe(), digest, stored);
        }
      });
      return null;
    }
    return Responses.location(response, describe());
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
