package dev.relocator.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The registry client's one HTTP stack: every request travels on OkHttp, with one connection pool
 * kept between requests and one client per TLS rule set sharing it. The wire is translated here
 * and nowhere else.
 *
 * <p>What it gives the operations: connection reuse (HTTP/1.1, one connection per exchange in
 * flight, as registries and their blob storage expect); redirects of a {@code GET} or
 * {@code HEAD} followed by OkHttp, which drops {@code Authorization} once a hop leaves the origin
 * (another request's redirect is answered as is); bounds on time: a small request's whole exchange
 * ({@link TransportRequest#timeout()}), and for every request the connect timeout and the stall
 * timeout between two reads or writes, which is what ends a blob transfer that stops moving; blob
 * bodies streamed both ways; and {@link #cancelAll()}. Concurrency is bounded by the callers (the
 * mirror's image and blob pools), whose calls run on their own threads.
 */
final class OkHttpTransport implements AutoCloseable {
  /** Idle connections kept: enough for the mirror's image and blob jobs at their defaults and more. */
  private static final int IDLE_CONNECTIONS = 32;

  private final Duration connectTimeout;
  private final Duration stallTimeout;
  private final ExecutorService dispatcherThreads;
  private final Dispatcher dispatcher;
  private final ConnectionPool pool;
  // One client per TLS rule set, following redirects or not. Keyed by the rules' identity: a
  // record key's first hashCode and equals bootstrap java.lang.runtime.ObjectMethods, whose method
  // handles a short run spins and interprets at a cost of about 5% of an up-to-date re-run's CPU.
  private final Map<Tls, OkHttpClient> following = new ConcurrentHashMap<>();
  private final Map<Tls, OkHttpClient> direct = new ConcurrentHashMap<>();

  /**
   * The TLS rules of one registry: whom to trust, and whether host names are checked. Equal only
   * to itself: {@link RegistryTransport} makes one per rule set and keeps it.
   */
  static final class Tls {
    private final SSLSocketFactory sockets;
    private final X509TrustManager trust;
    private final boolean verifyHostnames;

    Tls(SSLSocketFactory sockets, X509TrustManager trust, boolean verifyHostnames) {
      this.sockets = sockets;
      this.trust = trust;
      this.verifyHostnames = verifyHostnames;
    }

    SSLSocketFactory sockets() {
      return sockets;
    }

    X509TrustManager trust() {
      return trust;
    }

    boolean verifyHostnames() {
      return verifyHostnames;
    }
  }

  OkHttpTransport(Duration connectTimeout, Duration stallTimeout) {
    this.connectTimeout = connectTimeout;
    this.stallTimeout = stallTimeout;
    // Calls run on the caller's thread; this executor only exists for OkHttp's asynchronous API,
    // daemon so that it never holds a JVM up.
    this.dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemon("relocator-http-"));
    this.dispatcher = new Dispatcher(dispatcherThreads);
    this.pool = new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES);
  }

  /**
   * Sends {@code request} under {@code tls}; {@code what} names it in stall errors. Failures are
   * the JDK's kinds: {@link java.net.UnknownHostException}, {@link ConnectException} ("Connection
   * refused"), {@link SocketTimeoutException}, {@link javax.net.ssl.SSLException}, or an
   * {@link IOException} saying that the transfer stalled or was cancelled.
   */
  TransportResponse send(TransportRequest request, Tls tls, String what) throws IOException {
    HttpUrl url = HttpUrl.get(request.uri());
    Request.Builder wire = new Request.Builder().url(url);
    for (TransportRequest.Header header : request.headers()) {
      wire.addHeader(header.name(), header.value());
    }
    // Bytes as stored: without this, OkHttp asks for gzip and unpacks it, and a blob's digest is of the packed bytes.
    wire.header("Accept-Encoding", "identity");
    wire.method(request.method(), body(request));
    request.readTimeout().ifPresent(t -> wire.tag(ReadTimeout.class, new ReadTimeout(t)));
    Call call = client(tls, request.redirectable()).newCall(wire.build());
    request.timeout().ifPresent(t -> call.timeout().timeout(Math.max(1, t.toMillis()), TimeUnit.MILLISECONDS));
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw plain(e, request.timeout().isEmpty(), what);
    }
    InputStream body = response.body().byteStream();
    if (request.timeout().isEmpty() && response.isSuccessful()) {
      body = new StallReported(body, what);
    }
    // Where the answer came from: the URI asked for, unless a redirect moved the request.
    // HttpUrl.uri() re-encodes the whole URL through a regular expression, which cost about 5% of
    // the CPU of an up-to-date re-run, where nothing is redirected.
    HttpUrl answered = response.request().url();
    URI from = answered.equals(url) ? request.uri() : answered.uri();
    return new TransportResponse(from, response.code(), response.headers().toMultimap(), body);
  }

  /** A request's own read timeout, carried to {@link #ownReadTimeout} as the request's tag. */
  private record ReadTimeout(Duration silence) {}

  /** Applies a request's own read timeout to its connection, the TLS handshake included. */
  private static Response ownReadTimeout(Interceptor.Chain chain) throws IOException {
    ReadTimeout own = chain.request().tag(ReadTimeout.class);
    if (own == null) {
      return chain.proceed(chain.request());
    }
    return chain.withReadTimeout((int) Math.max(1, own.silence().toMillis()), TimeUnit.MILLISECONDS)
        .proceed(chain.request());
  }

  /** Cancels every exchange in flight: each fails at once with an {@link IOException}. Later requests proceed. */
  void cancelAll() {
    dispatcher.cancelAll();
  }

  /** Closes the kept connections and the dispatcher, so nothing of this transport outlives it. */
  @Override
  public void close() {
    dispatcherThreads.shutdown();
    pool.evictAll();
  }

  /**
   * The client for {@code tls}, sharing the pool and dispatcher. Each is built with its TLS rules
   * given: a client built without would load the JDK's trust store, which an insecure or plain
   * registry never needs.
   */
  private OkHttpClient client(Tls tls, boolean redirects) {
    return (redirects ? following : direct).computeIfAbsent(tls, key -> {
      OkHttpClient.Builder builder = new OkHttpClient.Builder()
          .dispatcher(dispatcher)
          .connectionPool(pool)
          .protocols(List.of(Protocol.HTTP_1_1))
          .proxy(Proxy.NO_PROXY)
          .connectTimeout(connectTimeout)
          .readTimeout(stallTimeout)
          .writeTimeout(stallTimeout)
          .addInterceptor(OkHttpTransport::ownReadTimeout)
          .sslSocketFactory(tls.sockets(), tls.trust())
          .followRedirects(redirects)
          .followSslRedirects(redirects);
      if (!tls.verifyHostnames()) {
        builder.hostnameVerifier((host, session) -> true);
      }
      return builder.build();
    });
  }

  private RequestBody body(TransportRequest request) {
    TransportRequest.Body body = request.body();
    if (body == null) {
      return null;
    }
    if (!body.isStreamed()) {
      return RequestBody.create(body.bytes(), (MediaType) null);
    }
    return new StreamedBody(body);
  }

  /** A blob streamed at its fixed length through one buffer, never held in memory; sent once (no replay by OkHttp). */
  private final class StreamedBody extends RequestBody {
    private static final int BUFFER = 256 * 1024;

    private final TransportRequest.Body body;

    StreamedBody(TransportRequest.Body body) {
      this.body = body;
    }

    @Override
    public MediaType contentType() {
      return null; // the request's own Content-Type header says it
    }

    @Override
    public long contentLength() {
      return body.length();
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      long length = body.length();
      try (InputStream in = body.open()) {
        byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
        long left = length;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            throw new IOException("blob body ended " + left + " bytes short of " + length);
          }
          sink.write(buffer, 0, n);
          left -= n;
        }
      } catch (SocketTimeoutException e) {
        // The write timeout, which is the stall timeout: the receiver stopped taking data.
        throw new StallException("the receiver took no data for " + describe(stallTimeout) + "; upload abandoned", e);
      }
    }
  }

  /** A blob download's body: its read timeout (the stall timeout) reported as a stall. */
  private final class StallReported extends FilterInputStream {
    private final String what;

    StallReported(InputStream in, String what) {
      super(in);
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (SocketTimeoutException e) {
        throw stalled(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (SocketTimeoutException e) {
        throw stalled(e);
      }
    }

    private IOException stalled(SocketTimeoutException e) {
      return new StallException(what + ": no data for " + describe(stallTimeout) + "; connection abandoned", e);
    }
  }

  /** A blob transfer that stopped moving for the stall timeout; its message says so in full. */
  private static final class StallException extends IOException {
    private static final long serialVersionUID = 1L;

    StallException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * OkHttp's failures in the JDK's words, so that messages read as before: a refused connection
   * is the socket's own {@link ConnectException}, a timeout says which.
   */
  private IOException plain(IOException e, boolean blobTransfer, String what) {
    if (e instanceof StallException) {
      return e;
    }
    if (e instanceof ConnectException && e.getCause() instanceof ConnectException socket) {
      return socket; // "Failed to connect to /127.0.0.1:5000" around the socket's "Connection refused"
    }
    if (e instanceof SocketTimeoutException && "timeout".equals(e.getMessage())) {
      // A read or write waited longer than the stall timeout (a small request's bound is the call's).
      SocketTimeoutException t = new SocketTimeoutException(blobTransfer
          ? "no data for " + describe(stallTimeout) + "; connection abandoned"
          : "read timed out");
      t.initCause(e);
      return t;
    }
    if (e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage())) {
      SocketTimeoutException t = new SocketTimeoutException("request timed out");
      t.initCause(e);
      return t;
    }
    return e;
  }

  /** A timeout for messages: {@code 600 ms}, {@code 60 s}. */
  static String describe(Duration timeout) {
    return timeout.toMillis() < 10_000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
