package dev.relocator.registry.http;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One HTTP request as the registry operations build it; only {@link OkHttpTransport} turns it
 * into wire calls. A request with a {@link #timeout()} is small and bounded as a whole; one
 * without is a blob transfer, bounded only by the stall timeout between reads and writes.
 */
public final class TransportRequest {
  private final String method;
  private final URI uri;
  private final List<Header> headers;
  private final Body body;
  private final Duration timeout;
  private final Duration readTimeout;

  /** One header line; names keep their case, as HTTP/1.1 carries them. */
  record Header(String name, String value) {}

  private TransportRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.headers = List.copyOf(builder.headers);
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.readTimeout = builder.readTimeout;
  }

  public static Builder newBuilder(URI uri) {
    return new Builder(uri);
  }

  String method() {
    return method;
  }

  URI uri() {
    return uri;
  }

  List<Header> headers() {
    return headers;
  }

  Body body() {
    return body;
  }

  /** The bound of the whole exchange; empty for a blob transfer. */
  Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The longest silence of the server (in the TLS handshake too), when shorter than the transport's stall timeout. */
  Optional<Duration> readTimeout() {
    return Optional.ofNullable(readTimeout);
  }

  /** Whether the transport may follow a redirect of this request (only a {@code GET} or {@code HEAD}). */
  boolean redirectable() {
    return method.equals("GET") || method.equals("HEAD");
  }

  /**
   * A request body: bytes in memory (a manifest, a form), or a stream of a known length opened
   * anew for every attempt and read as the connection takes it (a blob, never held in memory).
   */
  public static final class Body {
    public static final Body EMPTY = new Body(new byte[0], null, 0);

    private final byte[] bytes;
    private final Supplier<InputStream> source;
    private final long length;

    private Body(byte[] bytes, Supplier<InputStream> source, long length) {
      this.bytes = bytes;
      this.source = source;
      this.length = length;
    }

    public static Body of(byte[] bytes) {
      return new Body(bytes.clone(), null, bytes.length);
    }

    public static Body streamed(Supplier<InputStream> source, long length) {
      return length == 0 ? EMPTY : new Body(null, Objects.requireNonNull(source, "source"), length);
    }

    long length() {
      return length;
    }

    /** Whether the bytes come from a stream, readable once per attempt. */
    boolean isStreamed() {
      return source != null;
    }

    /** The in-memory bytes; only for a body that is not {@link #isStreamed() streamed}. */
    byte[] bytes() {
      return bytes;
    }

    /** Opens the streamed bytes; the caller closes the stream. */
    InputStream open() {
      return source.get();
    }
  }

  /** Builds a {@link TransportRequest}; a {@code GET} without timeout unless told otherwise. */
  public static final class Builder {
    private final URI uri;
    private final List<Header> headers = new ArrayList<>();
    private String method = "GET";
    private Body body;
    private Duration timeout;
    private Duration readTimeout;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    public Builder GET() {
      return method("GET", null);
    }

    public Builder HEAD() {
      return method("HEAD", null);
    }

    public Builder POST(Body body) {
      return method("POST", body);
    }

    public Builder PUT(Body body) {
      return method("PUT", body);
    }

    public Builder PATCH(Body body) {
      return method("PATCH", body);
    }

    private Builder method(String name, Body content) {
      this.method = name;
      this.body = content;
      return this;
    }

    /** Adds a header line. */
    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    /** Replaces every line of header {@code name}. */
    public Builder setHeader(String name, String value) {
      headers.removeIf(h -> h.name().equalsIgnoreCase(name));
      return header(name, value);
    }

    /** Bounds the whole exchange, from connecting to the end of the answer's head. */
    public Builder timeout(Duration bound) {
      this.timeout = bound;
      return this;
    }

    /** Gives up when the server says nothing for {@code silence}, from the TLS handshake on. */
    public Builder readTimeout(Duration silence) {
      this.readTimeout = silence;
      return this;
    }

    public TransportRequest build() {
      return new TransportRequest(this);
    }
  }
}
