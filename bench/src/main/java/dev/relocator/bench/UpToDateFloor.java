package dev.relocator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The least a JVM can do for the mirror benchmark's up-to-date re-run, as a floor for Relocator's:
 * per image one {@code GET} of the source's top manifest and one {@code HEAD} of the target tag over
 * plain HTTP, four images at a time, digests compared; no command line parsing, no JSON, no retries,
 * no probing. With {@code tags}, also the source repository's {@code GET /tags/list} per image (read
 * whole, not parsed), which is what {@code mirror --referrers all} adds to an up-to-date image. Any
 * answer but 200 (and a manifest without its digest) stops the floor with exit 1: a floor times
 * successful requests, never errors.
 * With {@code httpclient} through {@code java.net.http} (its selector thread stopped before exit;
 * needs {@code --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED}), with
 * {@code urlconnection} through {@code HttpURLConnection}, with {@code okhttp} through OkHttp, the
 * library Relocator's registry client uses (HTTP/1.1, no proxy, as Relocator builds it).
 *
 * <p>Usage: {@code UpToDateFloor SOURCE TARGET COUNT httpclient|urlconnection|okhttp [PREFIX [tags]]},
 * images {@code PREFIX N:1.0}, PREFIX {@code bench/app-} (as {@link MirrorWorkload} names them)
 * unless given.
 */
public final class UpToDateFloor {
  private static final String ACCEPT = "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json";

  private UpToDateFloor() {}

  public static void main(String[] args) throws Exception {
    String source = args[0];
    String target = args[1];
    int count = Integer.parseInt(args[2]);
    String kind = args[3];
    if (!List.of("httpclient", "urlconnection", "okhttp").contains(args[3])) {
      System.err.println("client '" + args[3] + "': expected httpclient, urlconnection or okhttp");
      System.exit(2);
    }
    String prefix = args.length > 4 ? args[4] : "bench/app-";
    boolean tags = args.length > 5 && args[5].equals("tags");
    HttpClient client = kind.equals("httpclient") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
    OkHttpClient okhttp = kind.equals("okhttp")
        ? new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).proxy(Proxy.NO_PROXY).build() : null;
    Request request = client != null ? (method, url) -> digest(client, method, url)
        : okhttp != null ? (method, url) -> digest(okhttp, method, url) : UpToDateFloor::digest;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Boolean>> checks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String repository = "/v2/" + prefix + i;
      String path = repository + "/manifests/1.0";
      checks.add(pool.submit(() -> {
        String digest = manifestDigest(request, "GET", source + path);
        if (tags) {
          send(request, "GET", source + repository + "/tags/list");
        }
        return digest.equals(manifestDigest(request, "HEAD", target + path));
      }));
    }
    int upToDate = 0;
    for (Future<Boolean> check : checks) {
      try {
        upToDate += check.get() ? 1 : 0;
      } catch (ExecutionException e) {
        // A failed request names itself in its message; anything else (a bad host argument, an
        // interrupted send) is worded by its type too.
        Throwable cause = e.getCause();
        System.err.println("floor failed: " + (cause instanceof FailedRequest ? cause.getMessage() : cause.toString()));
        System.exit(1);
      }
    }
    pool.shutdown();
    System.out.println(upToDate + "/" + count + " up to date");
    if (client != null) {
      CopyFloor.stopSelector(client);
    }
    System.exit(upToDate == count ? 0 : 1);
  }

  /**
   * One request whose response's body is read whole; answers its {@code Docker-Content-Digest}, or
   * null when it has none, and throws unless the answer is 200.
   */
  private interface Request {
    String digest(String method, String hostPath) throws Exception;
  }

  /** A request that failed, in words naming it. */
  private static final class FailedRequest extends IOException {
    FailedRequest(String method, String hostPath, String why, Throwable cause) {
      super(method + " http://" + hostPath + ": " + why, cause);
    }
  }

  private static String manifestDigest(Request request, String method, String hostPath) throws Exception {
    String digest = send(request, method, hostPath);
    if (digest == null) {
      throw new FailedRequest(method, hostPath, "200 without a Docker-Content-Digest header", null);
    }
    return digest;
  }

  /** The request, its transport errors (a refused connection, a timeout) named like its statuses. */
  private static String send(Request request, String method, String hostPath) throws Exception {
    try {
      return request.digest(method, hostPath);
    } catch (FailedRequest e) {
      throw e;
    } catch (IOException e) {
      throw new FailedRequest(method, hostPath, e.toString(), e);
    }
  }

  /** The digest of a 200 answer; any other status is an error naming the request. */
  private static String ok(String method, String hostPath, int status, String digest) throws IOException {
    if (status != 200) {
      throw new FailedRequest(method, hostPath, "HTTP " + status + " where 200 was expected", null);
    }
    return digest;
  }

  private static String digest(OkHttpClient client, String method, String hostPath) throws IOException {
    okhttp3.Request request = new okhttp3.Request.Builder().url("http://" + hostPath).header("Accept", ACCEPT)
        .method(method, null).build();
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
      return ok(method, hostPath, response.code(), response.header("Docker-Content-Digest"));
    }
  }

  private static String digest(HttpClient client, String method, String hostPath) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPath)).header("Accept", ACCEPT)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return ok(method, hostPath, response.statusCode(), response.headers().firstValue("Docker-Content-Digest").orElse(null));
  }

  private static String digest(String method, String hostPath) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + hostPath).toURL().openConnection();
    connection.setRequestMethod(method);
    connection.setRequestProperty("Accept", ACCEPT);
    // getInputStream throws on 4xx and 5xx, so the status decides which stream holds the body.
    int status = connection.getResponseCode();
    try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      if (body != null) {
        body.readAllBytes();
      }
    }
    return ok(method, hostPath, status, connection.getHeaderField("Docker-Content-Digest"));
  }
}
