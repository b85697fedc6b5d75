package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Small helpers every operation shares: timeouts, URLs, header reading. */
final class Responses {
  /** Per-request timeout for small requests; blob transfers have none (they can be large). */
  static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private Responses() {}

  static void discard(TransportResponse response) {
    try (InputStream in = response.body()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // Only the status mattered.
    }
  }

  static URI url(URI base, String repository, String kind, String reference) {
    return base.resolve("/v2/" + repository + "/" + kind + "/" + reference);
  }

  static TransportRequest.Builder small(URI uri) {
    return TransportRequest.newBuilder(uri).timeout(SMALL_REQUEST_TIMEOUT);
  }

  /** The {@code Docker-Content-Digest} header, when present and well formed. */
  static Optional<Digest> contentDigest(TransportResponse response) {
    Optional<String> header = response.firstValue("Docker-Content-Digest");
    try {
      return header.map(Digest::parse);
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  /** The upload {@code Location}, which may be relative, resolved against the request. */
  static URI location(TransportResponse response, String what) {
    String location = response.firstValue("Location").orElseThrow(() ->
        RegistryRejectedException.unexpectedAnswer(what + ": HTTP " + response.statusCode() + " without Location header", response.statusCode()));
    return response.uri().resolve(location);
  }

  /** {@code uri} with {@code name=value} appended to its query. */
  static URI withQuery(URI uri, String name, String value) {
    String s = uri.toString();
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + name + "=" + value);
  }
}
