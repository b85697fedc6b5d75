package dev.relocator.imagebuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.cli.Main;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.testing.TestTools;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relocator's own image as {@code scripts/build-image.sh OUT_DIR} builds it: the layout and its
 * index, the amd64 image unpacked by umoci and run as its config says (user 65532, read-only root,
 * a tmpfs on /tmp) under chroot, serving a review over HTTPS on loopback; the arm64 image checked
 * file by file and booted under qemu-user-static; a second build with the same digest; and the
 * layout pushed into a registry by {@code relocator mirror}.
 */
class ImageIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path QEMU = Path.of("/usr/bin/qemu-aarch64-static");
  private static final String SOURCE = "https://git.example.invalid/relocator.git";
  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;
  /** Generous: the machine is shared by parallel builds. Never slept out. */
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final Pattern LISTENING = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+) ");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIB = 1024 * 1024;
  /** deploy/helm/relocator/values.yaml: resources.limits.memory. */
  private static final long CHART_MEMORY_LIMIT = 512 * MIB;

  @TempDir static Path work;
  private static Path layout;
  private static String digest;
  private static JsonNode imageIndex;
  private static UnpackedImage amd64;
  private static UnpackedImage arm64;
  private static Path runner;

  private Process server;

  @BeforeAll
  static void buildAndUnpack() throws Exception {
    TestTools.require("root".equals(System.getProperty("user.name")), "root",
        "chroot, unshare and mount need it to run the image");
    for (String tool : List.of("/usr/bin/unshare", "/usr/sbin/chroot", "/usr/bin/apt-get", "/usr/bin/dpkg-deb")) {
      TestTools.assumeInstalled(Path.of(tool));
    }
    TestTools.assumeInstalled(UnpackedImage.UMOCI);
    layout = work.resolve("layout");
    digest = build(layout);
    JsonNode top = JSON.readTree(layout.resolve("index.json").toFile());
    assertThat(top.path("manifests")).as("index.json's entries").hasSize(1);
    imageIndex = JSON.readTree(blob(layout, top.path("manifests").get(0).path("digest").asText()));
    amd64 = unpack("amd64");
    arm64 = unpack("arm64");
    runner = ROOT.resolve("scripts/run-in-image.sh");
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      // unshare --kill-child ends the namespace's init and with it the JVM; its descendants are
      // killed as well, so that no server outlives the test even if that chain breaks.
      List<ProcessHandle> tree = server.descendants().toList();
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void indexJsonNamesOneIndexOfBothPlatformsByTheVersionTheCommandPrints() throws Exception {
    String printed = run(amd64, List.of("--version")).lines().findFirst().orElseThrow();
    assertThat(printed).startsWith("relocator ");
    String version = printed.substring("relocator ".length());

    JsonNode entry = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(entry.path("mediaType").asText()).isEqualTo(LayoutWriter.INDEX_MEDIA_TYPE);
    assertThat(entry.path("digest").asText()).isEqualTo(digest);
    assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo(version);

    List<String> platforms = new ArrayList<>();
    imageIndex.path("manifests").forEach(m ->
        platforms.add(m.path("platform").path("os").asText() + "/" + m.path("platform").path("architecture").asText()));
    assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");
    JsonNode annotations = imageIndex.path("annotations");
    assertThat(annotations.path("org.opencontainers.image.version").asText()).isEqualTo(version);
    assertThat(annotations.path("org.opencontainers.image.source").asText()).isEqualTo(SOURCE);
    String commit = git("rev-parse", "HEAD");
    assertThat(annotations.path("org.opencontainers.image.revision").asText()).matches(commit + "(-dirty)?");
    assertThat(annotations.path("org.opencontainers.image.created").asText())
        .as("the commit's time, not the build's").isEqualTo(Instant.ofEpochSecond(Long.parseLong(git("log", "-1",
            "--format=%ct"))).toString());
  }

  @Test
  void runsAsTheNumericNonRootUserWithNoShellAndNoPackageManager() throws Exception {
    for (UnpackedImage image : List.of(amd64, arm64)) {
      assertThat(image.uid()).isEqualTo(65532);
      assertThat(image.gid()).isEqualTo(65532);
      assertThat(image.entrypoint()).containsExactly("/usr/lib/jvm/java-17/bin/relocator",
          "@/usr/lib/relocator/relocator.args");
      try (Stream<Path> files = Files.walk(image.rootfs())) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .as("shells and package managers in the image")
            .doesNotContain("sh", "bash", "dash", "busybox", "apt", "apt-get", "dpkg", "rpm");
      }
    }
    // The read-only root and the tmpfs on /tmp: the JVM and picocli start, and a command runs.
    assertThat(run(amd64, List.of("image", "normalize", "nginx")).strip()).isEqualTo("docker.io/library/nginx");
  }

  @Test
  void heapIsHalfTheMemoryLimitOfTheCgroupItRunsIn() throws Exception {
    Path cgroup = memoryCgroup(CHART_MEMORY_LIMIT);
    try {
      String output = exec(inImage(amd64, List.of("--version")),
          Map.of("CGROUP", cgroup.toString(), "JDK_JAVA_OPTIONS", "-XshowSettings:vm"));
      Matcher heap = Pattern.compile("Max\\. Heap Size \\(Estimated\\): ([0-9.]+)M").matcher(output);
      assertThat(heap.find()).as(output).isTrue();
      double mebibytes = Double.parseDouble(heap.group(1));
      // MaxRAMPercentage=50 of the limit, less what the JVM aligns away.
      assertThat(mebibytes).as(output).isBetween(0.45 * CHART_MEMORY_LIMIT / MIB, 0.5 * CHART_MEMORY_LIMIT / MIB);
    } finally {
      Files.deleteIfExists(cgroup); // rmdir: the process in it has ended
    }
  }

  @Test
  void serveAnswersHealthzAndRelocatesAPostedAdmissionReview() throws Exception {
    Path maps = Files.createDirectories(work.resolve("maps"));
    try (Stream<Path> files = Files.list(ROOT.resolve("examples/imagemaps"))) {
      for (Path file : files.toList()) {
        Files.copy(file, maps.resolve(file.getFileName()));
      }
    }
    Path stdout = work.resolve("serve.out");
    List<String> command = inImage(amd64, List.of("serve", "--maps", "/tmp/maps", "--bind", "127.0.0.1", "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(stdout.toFile());
    builder.environment().put("BIND", maps + ":maps");
    server = builder.start();
    String line = await("the server's listening line").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .failFast("the server exited", () -> assertThat(server.isAlive())
            .as("server running; output: %s", Files.readString(stdout)).isTrue())
        .until(() -> Files.readAllLines(stdout).stream().filter(l -> l.contains("listening on")).findFirst(),
            Optional::isPresent).get();
    Matcher port = LISTENING.matcher(line);
    assertThat(port.find()).as(line).isTrue();
    String base = "https://127.0.0.1:" + port.group(1);
    HttpClient https = trustingTheSelfSignedCertificate();

    HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");

    byte[] review = Files.readAllBytes(ROOT.resolve("examples/admission-review.json"));
    HttpResponse<byte[]> mutated = https.send(HttpRequest.newBuilder(URI.create(base + "/mutate"))
        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(mutated.statusCode()).isEqualTo(200);
    JsonNode response = JSON.readTree(mutated.body()).path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    List<String> images = new ArrayList<>();
    for (JsonNode op : JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()))) {
      images.add(op.path("path").asText() + "=" + op.path("value").asText());
    }
    assertThat(images).contains(
        "/spec/initContainers/0/image=localhost:5000/mirror/busybox:1.36",
        "/spec/containers/0/image=localhost:5000/mirror/nginx:1.27");

    // The bundled BoringSSL and Netty's epoll transport load in the image (from /tmp, the pod's
    // emptyDir), and the warm-up ends with the server ready.
    assertThat(Files.readString(stdout)).contains("TLS by OpenSSL (BoringSSL)").contains("sockets by epoll");
    await("ready after the warm-up").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
        https.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    assertThat(Files.readString(stdout)).containsPattern("warmed up: [1-9][0-9]* reviews \\(0 failed\\)");
  }

  @Test
  void buildingAgainFromTheSameCommitGivesTheSameIndexDigest() throws Exception {
    Path again = work.resolve("layout-again");
    assertThat(build(again)).isEqualTo(digest);
    assertThat(Files.readAllBytes(again.resolve("index.json"))).isEqualTo(Files.readAllBytes(layout.resolve("index.json")));
  }

  @Test
  void everyElfFileIsOfItsImagesArchitecture() throws Exception {
    List<UnpackedImage.ElfFile> armFiles = arm64.elfFiles();
    assertThat(armFiles).extracting(UnpackedImage.ElfFile::path)
        .contains("usr/lib/jvm/java-17/bin/relocator", "usr/lib/jvm/java-17/lib/server/libjvm.so",
            "lib/ld-linux-aarch64.so.1");
    assertThat(armFiles).allSatisfy(f -> assertThat(f.machine()).as(f.path()).isEqualTo(EM_AARCH64));
    List<UnpackedImage.ElfFile> amdFiles = amd64.elfFiles();
    assertThat(amdFiles).extracting(UnpackedImage.ElfFile::path).contains("lib64/ld-linux-x86-64.so.2");
    assertThat(amdFiles).allSatisfy(f -> assertThat(f.machine()).as(f.path()).isEqualTo(EM_X86_64));
  }

  @Test
  void arm64EntrypointPrintsTheVersionUnderQemu() throws Exception {
    TestTools.assumeInstalled(QEMU);
    // qemu-user-static is static: copied into the (still writable) unpacked tree, it runs under chroot.
    Path qemu = arm64.rootfs().resolve("qemu-aarch64-static");
    if (!Files.exists(qemu)) {
      Files.copy(QEMU, qemu);
    }
    List<String> command = new ArrayList<>(List.of("/qemu-aarch64-static"));
    command.addAll(arm64.entrypoint());
    command.add("--version");
    String output = exec(inImage(arm64, command, false), Map.of());
    assertThat(output).startsWith("relocator ").contains("OpenJDK 64-Bit Server VM");
  }

  @Test
  void relocatorMirrorPushesTheLayoutIntoARegistry() throws Exception {
    TestTools.assumeInstalled(TestTools.REGISTRY);
    String version = imageIndex.path("annotations").path("org.opencontainers.image.version").asText();
    try (RegistryServer registry = RegistryServer.builder(work.resolve("registry")).start()) {
      int code = Main.newCommandLine().execute("mirror", "--from", "oci:" + layout, "--to",
          registry.hostPort() + "/platform/relocator", "--insecure-registry", registry.hostPort());
      assertThat(code).isZero();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> pulled = http.send(HttpRequest.newBuilder(
              registry.baseUri().resolve("/v2/platform/relocator/manifests/" + version))
          .header("accept", LayoutWriter.INDEX_MEDIA_TYPE).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(pulled.statusCode()).isEqualTo(200);
      assertThat("sha256:" + LayoutWriter.sha256(pulled.body())).as("the pushed index").isEqualTo(digest);
      for (JsonNode manifest : imageIndex.path("manifests")) {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(registry.baseUri().resolve(
                "/v2/platform/relocator/manifests/" + manifest.path("digest").asText()))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("accept", LayoutWriter.MANIFEST_MEDIA_TYPE).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).as(manifest.toString()).isEqualTo(200);
      }
    }
  }

  /** A new memory cgroup limited to {@code bytes}, under the machine's cgroup v2 or v1 memory hierarchy. */
  private static Path memoryCgroup(long bytes) throws IOException {
    boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    Path parent = Path.of(v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory");
    Path cgroup = parent.resolve("relocator-image-it-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(cgroup);
      Files.writeString(cgroup.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"), Long.toString(bytes));
    } catch (IOException e) {
      TestTools.require(false, "a writable memory cgroup under " + parent, e.toString());
    }
    return cgroup;
  }

  /** Runs scripts/build-image.sh OUT with the jars this Maven run built, and returns the digest it prints. */
  private static String build(Path out) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/build-image.sh").toString(), out.toString())
        .directory(ROOT.toFile());
    builder.environment().put("RELOCATOR_IMAGE_PREBUILT", "1");
    builder.environment().put("RELOCATOR_IMAGE_SOURCE", SOURCE);
    Path log = Files.createTempFile(work, "build-image", ".log");
    Process process = builder.redirectErrorStream(false).redirectError(log.toFile()).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // The first build on a machine downloads Debian's packages and runs jlink twice.
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("build-image finished").isTrue();
    assertThat(process.exitValue()).as("build-image exit code; its log:%n%s", Files.readString(log)).isZero();
    String printed = stdout.strip();
    assertThat(printed).matches("sha256:[0-9a-f]{64}");
    return printed;
  }

  private static UnpackedImage unpack(String architecture) throws Exception {
    for (JsonNode manifest : imageIndex.path("manifests")) {
      if (manifest.path("platform").path("architecture").asText().equals(architecture)) {
        return UnpackedImage.unpack(layout, manifest.path("digest").asText(), manifest.path("size").asLong(), work,
            architecture);
      }
    }
    throw new AssertionError("no " + architecture + " manifest in " + imageIndex);
  }

  private static byte[] blob(Path layout, String digest) throws IOException {
    return Files.readAllBytes(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
  }

  /** The image's entrypoint with {@code args}, run to its end; returns what it printed. */
  private static String run(UnpackedImage image, List<String> args) throws Exception {
    return exec(inImage(image, args), Map.of());
  }

  private static List<String> inImage(UnpackedImage image, List<String> args) {
    return inImage(image, args, true);
  }

  /** The command line that runs {@code args} (after the entrypoint, or alone) in the image, as its user. */
  private static List<String> inImage(UnpackedImage image, List<String> args, boolean afterEntrypoint) {
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "bash",
        runner.toString(), image.rootfs().toString(), image.uid() + ":" + image.gid()));
    if (afterEntrypoint) {
      command.addAll(image.entrypoint());
    }
    command.addAll(args);
    return command;
  }

  private static String exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
    return output;
  }

  private static String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", ROOT.toString()));
    command.addAll(List.of(args));
    return exec(command, Map.of()).strip();
  }

  /** The server's certificate is self-signed for this one run: the test trusts what it serves. */
  private static HttpClient trustingTheSelfSignedCertificate() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Extended, so that JSSE does not add its own host-name check around it. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
