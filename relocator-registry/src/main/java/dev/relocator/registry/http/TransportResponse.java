package dev.relocator.registry.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The answer to a {@link TransportRequest}: status, headers (names matched without case) and the
 * body as a stream, which holds the connection until it is read or closed.
 */
public final class TransportResponse implements Closeable {
  private final URI uri;
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final InputStream body;

  /** {@code uri}: where the answer came from, after any redirect (a relative Location resolves against it). */
  TransportResponse(URI uri, int statusCode, Map<String, List<String>> headers, InputStream body) {
    this.uri = uri;
    this.statusCode = statusCode;
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.headers.putAll(headers);
    this.body = body;
  }

  public URI uri() {
    return uri;
  }

  public int statusCode() {
    return statusCode;
  }

  public Optional<String> firstValue(String header) {
    List<String> values = headers.get(header);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The header as a number; empty when absent or not a number. */
  public OptionalLong firstValueAsLong(String header) {
    Optional<String> value = firstValue(header);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The body; whoever reads it closes it (or this response). */
  public InputStream body() {
    return body;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
