package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relocator.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code mirror} into an OCI layout stopped by Ctrl-C mid-blob: the executable jar in a child
 * JVM, copying from a loopback registry that sends the first bytes of a layer and then holds the
 * rest, so the stop always lands while the layer's temporary file is open. Nothing partial may
 * stay in the layout, and no archive file may appear for an {@code oci-archive:} target.
 */
class MirrorInterruptIT {
  private static final Path JAR = Path.of("target", "relocator.jar").toAbsolutePath();
  /** Generous, as the child JVM starts on a machine shared by parallel builds; never slept out. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final byte[] LAYER = new byte[1024 * 1024];
  private static final byte[] CONFIG =
      "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path work;
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer source;
  private Process process;

  @BeforeEach
  void startSource() throws IOException {
    Digest layer = Digest.sha256(LAYER);
    Digest config = Digest.sha256(CONFIG);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
        + "\",\"size\":" + CONFIG.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + layer + "\",\"size\":" + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);
    source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    source.setExecutor(Executors.newCachedThreadPool());
    source.createContext("/v2/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/v2/demo/app/manifests/1.0")) {
        exchange.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(manifest).toString());
        send(exchange, 200, "application/vnd.oci.image.manifest.v1+json", manifest);
      } else if (path.equals("/v2/demo/app/blobs/" + config)) {
        send(exchange, 200, "application/octet-stream", CONFIG);
      } else if (path.equals("/v2/demo/app/blobs/" + layer)) {
        holdMidBody(exchange);
      } else {
        send(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
      }
    });
    source.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    source.stop(0);
  }

  @Test
  void ctrlCMidBlobSaysSoAndLeavesNoPartialFileInTheLayout() throws Exception {
    String host = "127.0.0.1:" + source.getAddress().getPort();
    Path images = Files.writeString(work.resolve("images.txt"), host + "/demo/app:1.0\n");
    Path layout = work.resolve("layout");
    process = new ProcessBuilder(java(), "-jar", JAR.toString(), "mirror", "--images", images.toString(),
        "--to", "oci:" + layout, "--insecure-registry", host)
        .redirectErrorStream(true).redirectOutput(work.resolve("output.txt").toFile()).start();

    Path blobs = layout.resolve("blobs").resolve("sha256");
    Path config = blobs.resolve(Digest.sha256(CONFIG).toString().substring("sha256:".length()));
    assertThat(awaitLayerBeingWritten(blobs, config)).as("the layer's temporary file, while the source holds its body")
        .singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith(".upload-"));

    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();

    assertThat(process.exitValue()).isEqualTo(130); // 128 + SIGINT, as the JVM exits on it
    assertThat(Files.readString(work.resolve("output.txt"))).endsWith("relocator: stopped after 0 of 1 images;"
        + " what was copied is kept, and running the same command again copies the rest\n");
    assertThat(temporaryFiles(blobs)).isEmpty();
    assertThat(temporaryFiles(layout)).isEmpty();
  }

  @Test
  void ctrlCMidBlobIntoAnArchiveLeavesNoArchiveOnlyItsStagedLayout() throws Exception {
    String host = "127.0.0.1:" + source.getAddress().getPort();
    Path images = Files.writeString(work.resolve("images.txt"), host + "/demo/app:1.0\n");
    Path bundle = work.resolve("bundle.tar");
    process = new ProcessBuilder(java(), "-jar", JAR.toString(), "mirror", "--images", images.toString(),
        "--to", "oci-archive:" + bundle, "--insecure-registry", host)
        .redirectErrorStream(true).redirectOutput(work.resolve("output.txt").toFile()).start();

    Path staged = work.resolve("bundle.tar.partial");
    Path blobs = staged.resolve("blobs").resolve("sha256");
    awaitLayerBeingWritten(blobs, blobs.resolve(Digest.sha256(CONFIG).toString().substring("sha256:".length())));

    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();

    assertThat(process.exitValue()).isEqualTo(130);
    assertThat(bundle).doesNotExist(); // nothing that looks like a complete archive
    assertThat(temporaryFiles(work)).isEmpty();
    assertThat(temporaryFiles(blobs)).isEmpty();
    assertThat(staged.resolve("index.json")).isRegularFile(); // where the next run resumes
  }

  /** Sends the headers and the first KiB of the layer, then holds the rest until the test ends. */
  private void holdMidBody(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, LAYER.length);
    OutputStream out = exchange.getResponseBody();
    out.write(LAYER, 0, 1024);
    out.flush();
    try {
      release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }

  /**
   * The temporary files in {@code dir} once the config blob is stored and one is there: the
   * config's own is gone then, and the layer's stays while the source holds its body.
   */
  private List<Path> awaitLayerBeingWritten(Path dir, Path config) {
    return await("the config blob and the layer's temporary file in " + dir).atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .failFast("the mirror exited", () -> assertThat(process.isAlive())
            .as("the mirror is running; it printed: %s", Files.readString(work.resolve("output.txt"))).isTrue())
        .until(() -> Files.exists(config) ? temporaryFiles(dir) : List.<Path>of(), found -> !found.isEmpty());
  }

  private static List<Path> temporaryFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
