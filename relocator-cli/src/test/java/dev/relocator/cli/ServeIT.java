package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator serve --maps DIR} end to end: the executable jar in a child JVM, serving the
 * README's example maps and review over HTTPS, following an edited map file, and exiting 0 on
 * SIGTERM.
 */
class ServeIT {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final Duration WAIT = ServeProcess.WAIT;

  @TempDir Path work;
  private ServeProcess server;

  @AfterEach
  void killLeftover() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void servesTheExampleMapsFollowsAnEditedFileAndExitsZeroOnSigterm() throws Exception {
    Path maps = work.resolve("maps");
    Files.createDirectories(maps);
    try (Stream<Path> files = Files.list(EXAMPLES.resolve("imagemaps"))) {
      for (Path file : files.toList()) {
        Files.copy(file, maps.resolve(file.getFileName()));
      }
    }
    byte[] review = Files.readAllBytes(EXAMPLES.resolve("admission-review.json"));
    Path stderr = work.resolve("stderr.txt");

    server = ServeProcess.start(work.resolve("stdout.txt"), stderr,
        "serve", "--maps", maps.toString(), "--bind", "127.0.0.1", "--port", "0");
    int port = server.port;

    JsonNode response = server.post(review);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(ServeProcess.patchedImages(response)).containsExactlyInAnyOrder(
        "/spec/initContainers/0/image=localhost:5000/mirror/busybox:1.36",
        "/spec/containers/0/image=localhost:5000/mirror/nginx:1.27");

    Path demo = maps.resolve("demo-imagemap.yaml");
    String edited = Files.readString(demo).replace("localhost:5000/mirror/nginx", "localhost:5000/edited/nginx");
    Path tmp = maps.resolve(".demo.tmp");
    Files.writeString(tmp, edited);
    Files.move(tmp, demo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    await("the edited map served").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(ServeProcess.patchedImages(server.post(review))).as("the patch")
            .contains("/spec/containers/0/image=localhost:5000/edited/nginx:1.27"));

    HttpResponse<String> report = server.https.send(HttpRequest.newBuilder(URI.create(server.base() + "/maps"))
        .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(report.body()).contains("platform", "mirror", "Accepted");

    Process process = server.process;
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
    assertThat(server.awaitLine("stopped on")).contains("stopped on SIGTERM");
    String log = Files.readString(stderr);
    assertThat(log)
        .contains("INFO RelocatorServer - serving a self-signed certificate")
        .contains("ImageMap demo/mirror generation 2: Accepted")
        .doesNotContain("SLF4J");
    try (Socket probe = new Socket()) {
      assertThat(ServeProcess.connects(probe, port)).as("port closed after exit").isFalse();
    }
  }

  @Test
  void otherCommandsPrintNoLogLines() throws Exception {
    Path stderr = work.resolve("stderr.txt");
    Process run = new ProcessBuilder(ServeProcess.java(), "-jar", ServeProcess.JAR.toString(), "image", "normalize", "nginx")
        .redirectError(stderr.toFile())
        .start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(ExitCodes.OK);
    assertThat(out.strip()).isEqualTo("docker.io/library/nginx");
    assertThat(Files.readString(stderr)).isEmpty();
  }
}
