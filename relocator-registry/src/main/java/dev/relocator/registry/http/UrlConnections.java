package dev.relocator.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;

/**
 * Sends registry requests through blocking {@link HttpURLConnection}, one thread per exchange.
 * Requests are built and answered as {@code java.net.http} values, so operations, auth and error
 * decoding do not depend on which client carries them; only {@code PATCH}, which
 * {@code HttpURLConnection} refuses to send, stays on the JDK's {@code java.net.http} client.
 *
 * <p>Why not the JDK client for everything: for the same requests it costs about twice the CPU.
 * A copy through it costs 0.5 to 0.9 s more CPU and about 180 MiB more memory (its 1 MiB read
 * buffers are handed between its selector thread and the reader), and an up-to-date re-run,
 * 40 small requests, about 0.1 s more in building it (its default TLS context loads the JDK's
 * trust store even for plain HTTP) and in its asynchronous pipeline; each is most of the gap to
 * the mirror's wall-time targets (docs/benchmarks.md, "Mirror").
 *
 * <p>What the JDK client did is kept: the transport's TLS rules applied per connection, no
 * proxy, redirects of a {@code GET} or {@code HEAD} followed by hand without the
 * {@code Authorization} header once they leave the origin, and time bounds: a request with its
 * own timeout (every small one) fails when a read waits longer than that; one without (a blob
 * transfer, which may take long) is bounded by the stall timeout instead, a download by its
 * socket reads, an upload by the {@link StallWatchdog} disconnecting it.
 */
public final class UrlConnections {
  private static final int MAX_REDIRECTS = 5;

  private final RegistryTransport transport;

  public UrlConnections(RegistryTransport transport) {
    this.transport = transport;
  }

  /** Whether {@code request} can travel here: any method but {@code PATCH}. */
  public static boolean carries(HttpRequest request) {
    return !request.method().equals("PATCH");
  }

  /**
   * Sends {@code request} with {@code registry}'s TLS rules; {@code what} names it in stall
   * errors. A body is written at its fixed length: a {@link StreamBodyPublisher} streamed, any
   * other publisher (a manifest, a form) collected first.
   */
  public HttpResponse<InputStream> send(HttpRequest request, String registry, String what) throws IOException {
    if (!carries(request)) {
      throw new IllegalArgumentException("HttpURLConnection cannot send " + request.method() + " " + request.uri());
    }
    String method = request.method();
    boolean redirectable = method.equals("GET") || method.equals("HEAD");
    boolean blobTransfer = request.timeout().isEmpty();
    int readTimeout = (int) Math.max(1, request.timeout().orElse(transport.watchdog().timeout()).toMillis());
    URI uri = request.uri();
    boolean sameOrigin = true;
    for (int hops = 0; ; hops++) {
      HttpURLConnection connection = open(uri, registry);
      connection.setRequestMethod(method);
      for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
        if (sameOrigin || !header.getKey().equalsIgnoreCase("Authorization")) {
          header.getValue().forEach(v -> connection.addRequestProperty(header.getKey(), v));
        }
      }
      int status;
      try {
        // No read waits longer than the request's timeout, or a blob transfer's stall timeout
        // (StallWatchdog.readTimed); an upload's writes are bounded by its UploadGuard.
        connection.setReadTimeout(readTimeout);
        writeBody(connection, request);
        status = connection.getResponseCode();
      } catch (IOException | RuntimeException e) {
        connection.disconnect();
        throw e;
      }
      String location = connection.getHeaderField("Location");
      if (isRedirect(status) && location != null && redirectable && hops < MAX_REDIRECTS) {
        discard(connection);
        URI next = uri.resolve(location);
        // The registry's credentials must not leak to another host (blob storage behind it).
        sameOrigin = sameOrigin && sameOrigin(uri, next);
        uri = next;
        continue;
      }
      InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (body == null) {
        body = InputStream.nullInputStream();
      } else if (blobTransfer && method.equals("GET") && status < 300) {
        body = transport.watchdog().readTimed(body, what);
      }
      return new Response(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
          status, headers(connection), body);
    }
  }

  private HttpURLConnection open(URI uri, String registry) throws IOException {
    // No proxy, as the JDK client built by RegistryTransport uses none.
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    if (connection instanceof HttpsURLConnection https) {
      transport.configure(https, registry);
    }
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setConnectTimeout((int) Math.max(1, transport.connectTimeout().toMillis()));
    return connection;
  }

  /**
   * Writes the body, if any: a POST or PUT without one still says {@code Content-Length: 0}, as
   * the JDK client does (some proxies refuse a bodiless POST without it).
   */
  private static void writeBody(HttpURLConnection connection, HttpRequest request) throws IOException {
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody());
    boolean sendsLength = request.method().equals("POST") || request.method().equals("PUT");
    if (publisher.contentLength() == 0 && !sendsLength) {
      return;
    }
    if (publisher instanceof StreamBodyPublisher stream) {
      writeStream(connection, stream);
      return;
    }
    byte[] bytes = PublishedBytes.collect(publisher);
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(bytes.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(bytes);
    }
  }

  /** Streams a blob at its fixed length through one buffer, reporting progress. */
  private static void writeStream(HttpURLConnection connection, StreamBodyPublisher body) throws IOException {
    long length = body.contentLength();
    StallWatchdog.Progress progress = body.progress();
    if (progress instanceof StallWatchdog.UploadGuard guard) {
      guard.onAbandon(connection::disconnect); // a blocked socket write does not hear interrupts
    }
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(length);
    progress.demanded();
    try (InputStream in = body.open(); OutputStream out = connection.getOutputStream()) {
      byte[] buffer = new byte[(int) Math.min(StreamBodyPublisher.CHUNK, Math.max(1, length))];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("blob body ended " + left + " bytes short of " + length);
        }
        out.write(buffer, 0, n);
        progress.demanded();
        left -= n;
      }
    }
    progress.sent();
  }

  /** Reads what is left of a redirect's body, so its connection can be reused. */
  private static void discard(HttpURLConnection connection) {
    try (InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in != null) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException ignored) {
      connection.disconnect();
    }
  }

  /** {@code host[:port]} of {@code uri}: the name a registry's TLS rules are kept under. */
  public static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static boolean sameOrigin(URI from, URI to) {
    return to.getHost() != null && to.getHost().equalsIgnoreCase(from.getHost()) && to.getPort() == from.getPort()
        && to.getScheme().equalsIgnoreCase(from.getScheme());
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static HttpHeaders headers(HttpURLConnection connection) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    connection.getHeaderFields().forEach((name, values) -> {
      if (name != null && values != null) {
        map.put(name, values);
      }
    });
    return HttpHeaders.of(map, (name, value) -> value != null);
  }

  /** A finished exchange as the JDK client would have answered it. */
  private record Response(HttpRequest request, int statusCode, HttpHeaders headers, InputStream body)
      implements HttpResponse<InputStream> {
    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
