package dev.relocator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The least a JVM can do for the mirror benchmark's registry-to-registry copy, as a floor for
 * Relocator's: per image (four at a time) {@code GET} the source index and its platform manifests,
 * send each blob the run has not yet sent (a shared set, so a shared blob is uploaded once and
 * mounted from its first repository into the others, as Relocator does) by streaming the source's
 * {@code GET} into one {@code POST} and one fixed-length {@code PUT ?digest=}, eight blob transfers at
 * once; then {@code PUT} the manifests byte for byte, children first, and compare the index digest the
 * target answers with the source's. No command line parsing, no JSON library, no retries, no probing,
 * no {@code HEAD}s: the target is expected empty. With {@code httpclient} through {@code java.net.http}
 * (bodies in 1 MiB chunks as Relocator sends them; needs
 * {@code --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED} to stop the selector thread
 * before exit), with {@code urlconnection} through {@code HttpURLConnection} (fixed-length streaming,
 * one reused 1 MiB buffer per thread), with {@code okhttp} through OkHttp, the library Relocator's
 * registry client uses (HTTP/1.1, no proxy; a blob's body written from the source's stream with its
 * length). An image whose top manifest is not an index is copied as its one manifest.
 *
 * <p>Usage: {@code CopyFloor SOURCE TARGET COUNT httpclient|urlconnection|okhttp [PREFIX]}, images
 * {@code PREFIX N:1.0}, PREFIX {@code bench/app-} (as {@link MirrorWorkload} names them) unless given.
 */
public final class CopyFloor {
  private static final String ACCEPT = "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,"
      + "application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.docker.distribution.manifest.v2+json";
  private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
  private static final int CHUNK = 1024 * 1024;
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  private final String source;
  private final String target;
  private final HttpClient client;
  private final OkHttpClient okhttp;
  private final ExecutorService blobs = Executors.newFixedThreadPool(8);
  /** Blob digest to the repository it was first uploaded to, once that upload is done. */
  private final ConcurrentHashMap<String, CompletableFuture<String>> landed = new ConcurrentHashMap<>();
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger mounted = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  private CopyFloor(String source, String target, HttpClient client, OkHttpClient okhttp) {
    this.source = source;
    this.target = target;
    this.client = client;
    this.okhttp = okhttp;
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[2]);
    if (!List.of("httpclient", "urlconnection", "okhttp").contains(args[3])) {
      System.err.println("client '" + args[3] + "': expected httpclient, urlconnection or okhttp");
      System.exit(2);
    }
    HttpClient client = args[3].equals("httpclient")
        ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
    OkHttpClient okhttp = args[3].equals("okhttp")
        ? new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).proxy(Proxy.NO_PROXY).build() : null;
    String prefix = args.length > 4 ? args[4] : "bench/app-";
    CopyFloor floor = new CopyFloor(args[0], args[1], client, okhttp);
    ExecutorService images = Executors.newFixedThreadPool(4);
    List<Future<Boolean>> copies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String repository = prefix + i;
      copies.add(images.submit(() -> floor.copyImage(repository, "1.0")));
    }
    int same = 0;
    for (Future<Boolean> copy : copies) {
      same += copy.get() ? 1 : 0;
    }
    images.shutdown();
    floor.blobs.shutdown();
    System.out.println(same + "/" + count + " images copied with the source's index digest; " + floor.copied + " blobs ("
        + floor.bytes.get() / (1024 * 1024) + " MiB) uploaded, " + floor.mounted + " mounted");
    if (client != null) {
      stopSelector(client);
    }
    System.exit(same == count ? 0 : 1);
  }

  private boolean copyImage(String repository, String tag) throws Exception {
    Response index = get(source + "/v2/" + repository + "/manifests/" + tag);
    boolean isIndex = index.contentType.contains("index") || index.contentType.contains("list");
    List<String> children = isIndex ? digests(index.body) : List.of();
    List<Response> manifests = new ArrayList<>();
    Set<String> blobDigests = new LinkedHashSet<>(isIndex ? List.of() : digests(index.body));
    for (String child : children) {
      Response manifest = get(source + "/v2/" + repository + "/manifests/" + child);
      manifests.add(manifest);
      blobDigests.addAll(digests(manifest.body));
    }
    List<Future<?>> transfers = new ArrayList<>();
    for (String blob : blobDigests) {
      transfers.add(blobs.submit(() -> copyBlob(repository, blob)));
    }
    for (Future<?> transfer : transfers) {
      transfer.get();
    }
    for (int i = 0; i < children.size(); i++) {
      put(target + "/v2/" + repository + "/manifests/" + children.get(i), manifests.get(i));
    }
    String pushed = put(target + "/v2/" + repository + "/manifests/" + tag, index);
    return pushed.equals(index.digest);
  }

  private Void copyBlob(String repository, String blob) throws Exception {
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> first = landed.putIfAbsent(blob, mine);
    if (first != null) {
      String from = first.get();
      if (!from.equals(repository)) {
        String location = post(target + "/v2/" + repository + "/blobs/uploads/?mount=" + blob + "&from=" + from);
        if (location != null) {
          throw new IllegalStateException("mount of " + blob + " from " + from + " into " + repository + " refused");
        }
        mounted.incrementAndGet();
      }
      return null;
    }
    try {
      String location = post(target + "/v2/" + repository + "/blobs/uploads/");
      String put = (location.startsWith("/") ? "http://" + target + location : location)
          + (location.contains("?") ? "&" : "?") + "digest=" + blob;
      bytes.addAndGet(streamBlob(source + "/v2/" + repository + "/blobs/" + blob, put));
      copied.incrementAndGet();
      mine.complete(repository);
      return null;
    } catch (Exception | Error e) {
      mine.completeExceptionally(e); // or the images waiting to mount it would wait forever
      throw e;
    }
  }

  private static List<String> digests(byte[] json) {
    List<String> found = new ArrayList<>();
    Matcher m = DIGEST.matcher(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private record Response(byte[] body, String contentType, String digest) {}

  private Response get(String hostPath) throws Exception {
    if (okhttp != null) {
      try (okhttp3.Response r = okhttp.newCall(okRequest(hostPath).header("Accept", ACCEPT).build()).execute()) {
        expect(r.code(), 200, "GET", hostPath);
        return new Response(r.body().bytes(), r.header("Content-Type"), r.header("Docker-Content-Digest"));
      }
    }
    if (client != null) {
      HttpResponse<byte[]> r = client.send(request(hostPath).header("Accept", ACCEPT).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      expect(r.statusCode(), 200, "GET", hostPath);
      return new Response(r.body(), r.headers().firstValue("Content-Type").orElseThrow(),
          r.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }
    HttpURLConnection c = open(hostPath, "GET");
    c.setRequestProperty("Accept", ACCEPT);
    try (InputStream in = c.getInputStream()) {
      return new Response(in.readAllBytes(), c.getContentType(), c.getHeaderField("Docker-Content-Digest"));
    }
  }

  /** PUTs a manifest and returns the digest the target answers. */
  private String put(String hostPath, Response manifest) throws Exception {
    if (okhttp != null) {
      RequestBody body = RequestBody.create(manifest.body, MediaType.get(manifest.contentType));
      try (okhttp3.Response r = okhttp.newCall(okRequest(hostPath).put(body).build()).execute()) {
        expect(r.code(), 201, "PUT", hostPath);
        return r.header("Docker-Content-Digest", "none");
      }
    }
    if (client != null) {
      HttpResponse<Void> r = client.send(request(hostPath).header("Content-Type", manifest.contentType)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body)).build(), HttpResponse.BodyHandlers.discarding());
      expect(r.statusCode(), 201, "PUT", hostPath);
      return r.headers().firstValue("Docker-Content-Digest").orElse("none");
    }
    HttpURLConnection c = open(hostPath, "PUT");
    c.setRequestProperty("Content-Type", manifest.contentType);
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(manifest.body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(manifest.body);
    }
    drain(c, 201, hostPath);
    return c.getHeaderField("Docker-Content-Digest");
  }

  /** POSTs an upload start (or a mount); returns the upload's location, or null when mounted (201). */
  private String post(String hostPath) throws Exception {
    if (okhttp != null) {
      try (okhttp3.Response r = okhttp.newCall(okRequest(hostPath).post(RequestBody.create(new byte[0])).build()).execute()) {
        if (r.code() == 201) {
          return null; // mounted
        }
        expect(r.code(), 202, "POST", hostPath);
        return r.header("Location");
      }
    }
    if (client != null) {
      HttpResponse<Void> r = client.send(request(hostPath).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 201 ? null : r.headers().firstValue("Location").orElseThrow();
    }
    HttpURLConnection c = open(hostPath, "POST");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(0);
    c.getOutputStream().close();
    int status = c.getResponseCode();
    drain(c, status == 201 ? 201 : 202, hostPath);
    return status == 201 ? null : c.getHeaderField("Location");
  }

  /** Streams a blob from a source GET into the target's closing PUT; returns its length. */
  private long streamBlob(String from, String put) throws Exception {
    if (okhttp != null) {
      try (okhttp3.Response in = okhttp.newCall(okRequest(from).build()).execute()) {
        expect(in.code(), 200, "GET", from);
        long length = in.body().contentLength();
        RequestBody body = new RequestBody() {
          @Override
          public MediaType contentType() {
            return null;
          }

          @Override
          public long contentLength() {
            return length;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeAll(in.body().source());
          }
        };
        try (okhttp3.Response r = okhttp.newCall(new okhttp3.Request.Builder().url(put).put(body).build()).execute()) {
          expect(r.code(), 201, "PUT", put);
        }
        return length;
      }
    }
    if (client != null) {
      HttpResponse<InputStream> in = client.send(request(from).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      expect(in.statusCode(), 200, "GET", from);
      long length = in.headers().firstValueAsLong("Content-Length").orElseThrow();
      HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(put))
          .PUT(HttpRequest.BodyPublishers.fromPublisher(new Chunks(in.body()), length)).build(),
          HttpResponse.BodyHandlers.discarding());
      expect(r.statusCode(), 201, "PUT", put);
      return length;
    }
    HttpURLConnection get = open(from, "GET");
    HttpURLConnection c = (HttpURLConnection) URI.create(put).toURL().openConnection();
    c.setRequestMethod("PUT");
    c.setDoOutput(true);
    long length;
    try (InputStream in = get.getInputStream()) {
      length = get.getContentLengthLong();
      c.setFixedLengthStreamingMode(length);
      byte[] buffer = BUFFER.get();
      try (OutputStream out = c.getOutputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
        }
      }
    }
    drain(c, 201, put);
    return length;
  }

  private static okhttp3.Request.Builder okRequest(String hostPath) {
    // Bytes as stored, as Relocator asks for them: without it OkHttp asks for gzip.
    return new okhttp3.Request.Builder().url("http://" + hostPath).header("Accept-Encoding", "identity");
  }

  private static HttpRequest.Builder request(String hostPath) {
    return HttpRequest.newBuilder(URI.create("http://" + hostPath));
  }

  private static HttpURLConnection open(String hostPath, String method) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://" + hostPath).toURL().openConnection();
    c.setRequestMethod(method);
    return c;
  }

  /** Reads the response to its end so the connection goes back to the keep-alive cache. */
  private static void drain(HttpURLConnection c, int want, String where) throws IOException {
    int status = c.getResponseCode();
    try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      String text = body == null ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (status != want) {
        throw new UncheckedIOException(new IOException(where + ": " + status + " " + text));
      }
    }
  }

  private static void expect(int status, int want, String method, String where) {
    if (status != want) {
      throw new IllegalStateException(method + " " + where + ": " + status);
    }
  }

  /** A request body read from a stream 1 MiB at a time, when the client asks for it. */
  private static final class Chunks implements Flow.Publisher<ByteBuffer> {
    private final InputStream in;

    Chunks(InputStream in) {
      this.in = in;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(new Flow.Subscription() {
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;

        @Override
        public void request(long n) {
          demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
          if (draining.getAndIncrement() != 0) {
            return; // the outer call sends it
          }
          int missed = 1;
          do {
            while (demand.get() > 0 && !done) {
              try {
                byte[] chunk = new byte[CHUNK];
                int n2 = in.readNBytes(chunk, 0, CHUNK);
                if (n2 > 0) {
                  demand.decrementAndGet();
                  subscriber.onNext(ByteBuffer.wrap(chunk, 0, n2));
                }
                if (n2 < CHUNK) {
                  done = true;
                  in.close();
                  subscriber.onComplete();
                }
              } catch (IOException e) {
                done = true;
                subscriber.onError(e);
              }
            }
            missed = draining.addAndGet(-missed);
          } while (missed != 0);
        }

        @Override
        public void cancel() {
          done = true;
        }
      });
    }
  }

  /**
   * Stops the client's selector thread, so the VM exits without its 300 ms wait (a floor uses none
   * of Relocator's classes, whose client, OkHttp, has no such thread).
   */
  static void stopSelector(HttpClient client) throws Exception {
    Field impl = client.getClass().getDeclaredField("impl");
    impl.setAccessible(true);
    Object clientImpl = impl.get(client);
    Field selector = clientImpl.getClass().getDeclaredField("selmgr");
    selector.setAccessible(true);
    Object manager = selector.get(clientImpl);
    Method shutdown = manager.getClass().getDeclaredMethod("shutdown");
    shutdown.setAccessible(true);
    shutdown.invoke(manager);
  }
}
