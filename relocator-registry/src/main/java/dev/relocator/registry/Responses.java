package dev.relocator.registry;

import dev.relocator.image.Digest;
import dev.relocator.image.InvalidReferenceException;
import dev.relocator.registry.error.RegistryRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Small helpers every operation shares: timeouts, URLs, header reading. */
final class Responses {
  /** Per-request timeout for small requests; blob transfers have none (they can be large). */
  static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private Responses() {}

  static void discard(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // Only the status mattered.
    }
  }

  static URI url(URI base, String repository, String kind, String reference) {
    return base.resolve("/v2/" + repository + "/" + kind + "/" + reference);
  }

  static HttpRequest.Builder small(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(SMALL_REQUEST_TIMEOUT);
  }

  /** The {@code Docker-Content-Digest} header, when present and well formed. */
  static Optional<Digest> contentDigest(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    try {
      return header.map(Digest::parse);
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  /** The upload {@code Location}, which may be relative, resolved against the request. */
  static URI location(HttpResponse<?> response, String what) {
    String location = response.headers().firstValue("Location").orElseThrow(() ->
        RegistryRejectedException.unexpectedAnswer(what + ": HTTP " + response.statusCode() + " without Location header", response.statusCode()));
    return response.request().uri().resolve(location);
  }

  /** {@code uri} with {@code name=value} appended to its query. */
  static URI withQuery(URI uri, String name, String value) {
    String s = uri.toString();
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + name + "=" + value);
  }
}
