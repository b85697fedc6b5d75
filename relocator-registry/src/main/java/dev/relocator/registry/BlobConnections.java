package dev.relocator.registry;

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
 * Sends the requests that move blob bytes (a blob {@code GET}, the upload {@code PUT} streaming
 * its body) through blocking {@link HttpURLConnection}, one thread and one reused buffer per
 * transfer; everything else stays on the JDK's {@code java.net.http} client.
 *
 * <p>Why a second HTTP stack: a copy of the same workload through {@code java.net.http} costs 0.5
 * to 0.9 s more CPU and about 180 MiB more memory than through {@code HttpURLConnection} (its 1
 * MiB read buffers are handed between its selector thread and the reader), which is the whole
 * gap to the mirror's wall-time target (docs/benchmarks.md, "Mirror", "Copy floors").
 *
 * <p>What the JDK client path does is kept: the caller's {@code Authorization} header, the
 * transport's TLS rules applied per connection, redirects of a {@code GET} followed by hand
 * without the header once they leave the origin, and a stall bound: a {@code GET}'s socket reads
 * time out after the stall timeout, an upload is disconnected by the {@link StallWatchdog}. A
 * response is handed back as an {@link HttpResponse}, so operations and error decoding are the same.
 */
final class BlobConnections {
  private static final int MAX_REDIRECTS = 5;

  private final RegistryTransport transport;

  BlobConnections(RegistryTransport transport) {
    this.transport = transport;
  }

  /**
   * Sends {@code request} (a {@code GET}, or a {@code PUT} whose body is a
   * {@link StreamBodyPublisher}) with {@code registry}'s TLS rules; {@code what} names it in stall
   * errors.
   */
  HttpResponse<InputStream> send(HttpRequest request, String registry, String what) throws IOException {
    URI uri = request.uri();
    boolean sameOrigin = true;
    for (int hops = 0; ; hops++) {
      HttpURLConnection connection = open(uri, registry);
      connection.setRequestMethod(request.method());
      for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
        if (sameOrigin || !header.getKey().equalsIgnoreCase("Authorization")) {
          header.getValue().forEach(v -> connection.addRequestProperty(header.getKey(), v));
        }
      }
      int status;
      try {
        if (request.method().equals("GET")) {
          // A stalled download fails in its read; see StallWatchdog.readTimed.
          connection.setReadTimeout((int) Math.max(1, transport.watchdog().timeout().toMillis()));
        } else {
          writeBody(connection, request);
        }
        status = connection.getResponseCode();
      } catch (IOException | RuntimeException e) {
        connection.disconnect();
        throw e;
      }
      String location = connection.getHeaderField("Location");
      if (isRedirect(status) && location != null && request.method().equals("GET") && hops < MAX_REDIRECTS) {
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
      } else if (request.method().equals("GET") && status < 300) {
        body = transport.watchdog().readTimed(body, what);
      }
      return new Response(HttpRequest.newBuilder(uri).method(request.method(), HttpRequest.BodyPublishers.noBody()).build(),
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

  /** Streams the upload body at its fixed length through one buffer, reporting progress. */
  private static void writeBody(HttpURLConnection connection, HttpRequest request) throws IOException {
    StreamBodyPublisher body = request.bodyPublisher()
        .filter(StreamBodyPublisher.class::isInstance).map(StreamBodyPublisher.class::cast)
        .orElseThrow(() -> new IllegalArgumentException("not a streamed blob body: " + request));
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
        in.transferTo(Responses.OutputStreamSink.NULL);
      }
    } catch (IOException ignored) {
      connection.disconnect();
    }
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
