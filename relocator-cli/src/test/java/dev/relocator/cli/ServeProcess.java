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
import java.nio.file.Files;
import java.nio.file.Path;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code relocator serve} run from the executable jar in a child JVM, with its output in files,
 * and an HTTPS client for it that trusts the certificate it made for itself: the admission
 * reviews a test posts and the patches that come back.
 */
final class ServeProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "relocator.jar").toAbsolutePath();
  /** Generous, as the child JVM starts on a machine shared by parallel builds; never slept out. */
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) ");
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * For a connection (the TLS handshake counts) and for an answer: a server JVM that has just
   * started answers its first requests slowly on a machine shared by parallel builds.
   */
  private static final Duration REQUEST = Duration.ofSeconds(30);

  final Process process;
  final Path stdout;
  final int port;
  final HttpClient https;

  private ServeProcess(Process process, Path stdout) throws IOException, InterruptedException,
      GeneralSecurityException {
    this.process = process;
    this.stdout = stdout;
    String line = awaitLine("listening on");
    Matcher m = LISTENING.matcher(line);
    assertThat(m.find()).as("listening line: %s", line).isTrue();
    assertThat(line).contains("(standalone, maps from ");
    this.port = Integer.parseInt(m.group(1));
    this.https = trustingEveryCertificate();
  }

  /** Starts {@code relocator ARGS} (a serve command line) writing to {@code stdout} and {@code stderr}; waits until it listens. */
  static ServeProcess start(Path stdout, Path stderr, String... args) throws Exception {
    assertThat(JAR).as("the executable jar, built by the package phase before failsafe runs").exists();
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    // Both streams go to files: Process.destroy() closes the pipes, and the last line comes after.
    return new ServeProcess(new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start(), stdout);
  }

  String awaitLine(String containing) {
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

  /** The {@code response} of posting {@code review} to {@code /mutate}. */
  JsonNode post(byte[] review) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = https.send(HttpRequest.newBuilder(URI.create(base() + "/mutate"))
        .timeout(REQUEST)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).get("response");
  }

  /** The {@code replace} operations on image fields, as {@code path=value}. */
  static List<String> patchedImages(JsonNode response) throws IOException {
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

  String base() {
    return "https://127.0.0.1:" + port;
  }

  static boolean connects(Socket socket, int port) {
    try {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The server's certificate is self-signed for this one run: the test trusts whatever it serves. */
  private static HttpClient trustingEveryCertificate() throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new TrustAll()}, null);
    return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST).build();
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
