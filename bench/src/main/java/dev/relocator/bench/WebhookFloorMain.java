package dev.relocator.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the webhook's throughput for {@code bench/webhook-load.sh}: the webhook's server
 * stack (Vert.x with the same Vert.x and HTTPS options as {@code RelocatorServer}: one event loop per
 * CPU, native transport where it loads, BoringSSL where it loads, no compression) answering every
 * POST with a fixed body, as nginx does in the same script. No review: it reads the body and answers
 * the bytes given. Relocator's rate over this one is what the review costs; this one's rate over
 * nginx's is what the JVM and its HTTP and TLS stack cost.
 *
 * <p>With {@code parse} as a fifth argument it also reads each request body into Jackson's tree, and
 * answers the fixed body only if the review has a {@code request.uid}: the floor of a webhook that
 * reads its review into a tree and writes nothing computed. With {@code tokens} it reads the body
 * as cheaply as any reader could instead: Jackson's streaming parser over every token to the end of
 * the document, no tree, no string decoded but the uid, with the same check: the floor of any JVM
 * webhook that reads its review.
 *
 * <p>{@code WebhookFloorMain PORT CERT_PEM KEY_PEM BODY_FILE [parse|tokens]}; binds 127.0.0.1, runs
 * until killed. The script starts it with the image's JVM flags in a cgroup of the same limit.
 */
public final class WebhookFloorMain {

  private WebhookFloorMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 4 && !(args.length == 5 && (args[4].equals("parse") || args[4].equals("tokens")))) {
      System.err.println("usage: WebhookFloorMain PORT CERT_PEM KEY_PEM BODY_FILE [parse|tokens]");
      System.exit(2);
    }
    String mode = args.length == 5 ? args[4] : "";
    boolean parse = mode.equals("parse");
    boolean tokens = mode.equals("tokens");
    ObjectMapper json = new ObjectMapper();
    int port = Integer.parseInt(args[0]);
    Buffer fixed = Buffer.buffer(Files.readAllBytes(Path.of(args[3])));
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setPreferNativeTransport(true)
        .setEventLoopPoolSize(loops)
        .setWorkerPoolSize(2)
        .setInternalBlockingPoolSize(2));
    boolean openSsl = OpenSSLEngineOptions.isAvailable();
    HttpServerOptions http = new HttpServerOptions()
        .setSslEngineOptions(openSsl ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setHost("127.0.0.1")
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(args[1]).setKeyPath(args[2]))
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setCompressionSupported(false);
    CountDownLatch listening = new CountDownLatch(1);
    vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        vertx.createHttpServer(http)
            .requestHandler(req -> req.body().onSuccess(body -> {
              if ((parse && !hasUid(json, body)) || (tokens && !tokensHaveUid(json, body))) {
                req.response().setStatusCode(400).end();
                return;
              }
              req.response().putHeader("content-type", "application/json").end(fixed);
            }))
            .listen(port, "127.0.0.1")
            .onComplete(bound -> {
              if (bound.succeeded()) {
                started.complete();
              } else {
                started.fail(bound.cause());
              }
            });
      }
    }, new DeploymentOptions().setInstances(loops)).onComplete(done -> {
      if (done.failed()) {
        System.err.println("floor: cannot listen on 127.0.0.1:" + port + ": " + done.cause());
        System.exit(1);
      }
      listening.countDown();
    });
    listening.await();
    System.out.println("floor" + (parse ? " (reading each review's tree)" : tokens ? " (reading each review's tokens)" : "") + " listening on 127.0.0.1:" + port
        + " with " + loops + " event loops, transport "
        + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO (" + vertx.unavailableNativeTransportCause() + ")")
        + ", TLS by " + (openSsl ? "OpenSSL (" + OpenSsl.versionString() + ")" : "the JDK's SSLEngine"));
    new CountDownLatch(1).await();
  }

  /**
   * The review read as cheaply as a reader can: every token of the document once (the strings
   * scanned, none decoded), answering what the tree check answers: whether the last
   * {@code request} is an object whose last {@code uid} is a string.
   */
  private static boolean tokensHaveUid(ObjectMapper json, Buffer body) {
    try (JsonParser p = json.getFactory().createParser(body.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean uid = false;
      boolean inRequest = false;
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          return false;
        }
        if (t == JsonToken.FIELD_NAME) {
          continue;
        }
        if (depth == 1) { // the value of one of the review's own fields
          boolean request = "request".equals(p.currentName());
          inRequest = request && t == JsonToken.START_OBJECT;
          uid = uid && !request;
        } else if (depth == 2 && inRequest && "uid".equals(p.currentName())) {
          uid = t == JsonToken.VALUE_STRING;
        }
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
      return uid;
    } catch (IOException e) {
      return false;
    }
  }

  /** The review read as the webhook reads it: the whole body into a tree, then its uid. */
  private static boolean hasUid(ObjectMapper json, Buffer body) {
    try {
      JsonNode review = json.readTree(body.getBytes());
      return review.path("request").path("uid").isTextual();
    } catch (IOException e) {
      return false;
    }
  }
}
