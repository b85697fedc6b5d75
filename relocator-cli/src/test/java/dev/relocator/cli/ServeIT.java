package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator serve --maps DIR} end to end: the executable jar in a child JVM, serving the
 * README's example maps and review over HTTPS, following an edited map file, and exiting 0 on
 * SIGTERM.
 */
class ServeIT {

  private static final Path JAR = Path.of("target", "relocator.jar").toAbsolutePath();
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  /** Generous, as the child JVM starts on a machine shared by parallel builds; never slept out. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) ");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private Process process;
  private Path stdout;

  @AfterEach
  void killLeftover() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
    stdout = work.resolve("stdout.txt");

    int port = start(stderr, "serve", "--maps", maps.toString(), "--bind", "127.0.0.1", "--port", "0");
    HttpClient https = trustingEveryCertificate();

    JsonNode response = post(https, port, review);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(patchedImages(response)).containsExactlyInAnyOrder(
        "/spec/initContainers/0/image=localhost:5000/mirror/busybox:1.36",
        "/spec/containers/0/image=localhost:5000/mirror/nginx:1.27");

    Path demo = maps.resolve("demo-imagemap.yaml");
    String edited = Files.readString(demo).replace("localhost:5000/mirror/nginx", "localhost:5000/edited/nginx");
    Path tmp = maps.resolve(".demo.tmp");
    Files.writeString(tmp, edited);
    Files.move(tmp, demo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    await("the edited map served").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(patchedImages(post(https, port, review))).as("the patch")
            .contains("/spec/containers/0/image=localhost:5000/edited/nginx:1.27"));

    HttpResponse<String> report = https.send(HttpRequest.newBuilder(URI.create(base(port) + "/maps"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(report.body()).contains("platform", "mirror", "Accepted");

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
    assertThat(awaitLine("stopped on")).contains("stopped on SIGTERM");
    String log = Files.readString(stderr);
    assertThat(log)
        .contains("INFO RelocatorServer - serving a self-signed certificate")
        .contains("ImageMap demo/mirror generation 2: Accepted")
        .doesNotContain("SLF4J");
    try (Socket probe = new Socket()) {
      assertThat(connects(probe, port)).as("port closed after exit").isFalse();
    }
  }

  @Test
  void otherCommandsPrintNoLogLines() throws Exception {
    Path stderr = work.resolve("stderr.txt");
    Process run = new ProcessBuilder(java(), "-jar", JAR.toString(), "image", "normalize", "nginx")
        .redirectError(stderr.toFile())
        .start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(ExitCodes.OK);
    assertThat(out.strip()).isEqualTo("docker.io/library/nginx");
    assertThat(Files.readString(stderr)).isEmpty();
  }

  private int start(Path stderr, String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("the executable jar, built by the package phase before failsafe runs").exists();
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    // Both streams go to files: Process.destroy() closes the pipes, and the last line comes after.
    process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    String line = awaitLine("listening on");
    Matcher m = LISTENING.matcher(line);
    assertThat(m.find()).as("listening line: %s", line).isTrue();
    assertThat(line).contains("(standalone, maps from ");
    return Integer.parseInt(m.group(1));
  }

  private String awaitLine(String containing) {
    // Alive is read before the lines: a process that ended has written all it will.
    return await("a line with \"" + containing + "\" on stdout").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .failFast("the process exited without it", () -> {
          if (!process.isAlive()) {
            assertThat(line(containing)).as("stdout %s; the process exited with %d", Files.readAllLines(stdout),
                process.exitValue()).isPresent();
          }
        })
        .until(() -> line(containing), Optional::isPresent).get();
  }

  private Optional<String> line(String containing) throws IOException {
    return Files.readAllLines(stdout).stream().filter(line -> line.contains(containing)).findFirst();
  }

  private static JsonNode post(HttpClient https, int port, byte[] review) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = https.send(HttpRequest.newBuilder(URI.create(base(port) + "/mutate"))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("response");
  }

  /** The {@code replace} operations on image fields, as {@code path=value}. */
  private static List<String> patchedImages(JsonNode response) throws IOException {
    List<String> images = new ArrayList<>();
    if (!response.hasNonNull("patch")) {
      return images;
    }
    for (JsonNode op : JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText()))) {
      if (op.get("op").asText().equals("replace") && op.get("path").asText().endsWith("/image")) {
        images.add(op.get("path").asText() + "=" + op.get("value").asText());
      }
    }
    return images;
  }

  private static String base(int port) {
    return "https://127.0.0.1:" + port;
  }

  private static boolean connects(Socket socket, int port) {
    try {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The server's certificate is self-signed for this one run: the test trusts whatever it serves. */
  private static HttpClient trustingEveryCertificate() throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new TrustAll()}, null);
    return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Extended, so the JDK does not add its own host name check for the IP address we connect to. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
