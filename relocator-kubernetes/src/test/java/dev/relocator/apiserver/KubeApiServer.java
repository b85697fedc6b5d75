package dev.relocator.apiserver;

import static org.awaitility.Awaitility.await;

import dev.relocator.testing.TestPki;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real kube-apiserver backed by a fresh etcd, both on free loopback ports, with a generated
 * CA, token authentication and RBAC authorization. Started and stopped by
 * {@link KubeApiServerExtension}; tests use its client, URL, CA, tokens and kubeconfig.
 */
public final class KubeApiServer implements AutoCloseable {

  private static final Duration ETCD_READY_TIMEOUT = Duration.ofSeconds(60);
  // The RBAC bootstrap and CRD post-start hooks take a while on a loaded 2-core machine.
  private static final Duration API_READY_TIMEOUT = Duration.ofSeconds(180);
  private static final int START_ATTEMPTS = 3;

  private final Path workDirectory;
  private final Path etcdData;
  private final TestPki pki;
  private final String adminToken = randomToken();
  private final String viewerToken = randomToken();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final HttpClient probe;
  private ManagedProcess etcd;
  private String etcdUrl;
  private ManagedProcess apiServer;
  private List<String> apiServerCommand;
  private int securePort;
  private Path kubeconfig;
  private KubernetesClient client;

  private KubeApiServer(Path workDirectory, Path etcdData) {
    this.workDirectory = workDirectory;
    this.etcdData = etcdData;
    this.pki = TestPki.create("relocator-test-ca");
    this.probe =
        HttpClient.newBuilder()
            .sslContext(pki.trustingContext())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /**
   * Starts etcd and kube-apiserver, writing logs, certificates and the kubeconfig under
   * {@code workDirectory}; returns once {@code /readyz} answers 200.
   */
  public static KubeApiServer start(Path kubeApiServerBinary, Path etcdBinary, Path workDirectory)
      throws IOException, InterruptedException {
    Files.createDirectories(workDirectory);
    KubeApiServer server = new KubeApiServer(workDirectory.toAbsolutePath(), freshEtcdDirectory());
    try {
      server.writeCredentials();
      server.startEtcd(etcdBinary);
      server.startApiServer(kubeApiServerBinary);
      server.writeKubeconfig();
      return server;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** A client authenticated as the admin ({@code system:masters}). */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = client(adminToken);
    }
    return client;
  }

  /** A new client authenticated with {@code token}; closed with the server. */
  public synchronized KubernetesClient client(String token) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(baseUrl())
            .withCaCertData(base64(pki.caPem()))
            .withOauthToken(token)
            // Short reconnect backoff: watches resume quickly after restartApiServer().
            .withWatchReconnectInterval(250)
            .withRequestTimeout(30_000)
            // Tests see the server's own answers: fabric8 would otherwise retry 5xx responses
            // (a failing webhook, for one) several times with backoff.
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClient created = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(created);
    return created;
  }

  /** {@code https://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "https://127.0.0.1:" + securePort;
  }

  /** The CA that signed the API server's serving certificate, in PEM. */
  public String caPem() {
    return pki.caPem();
  }

  /** The test CA itself, to issue certificates for servers the API server calls (webhooks). */
  public TestPki pki() {
    return pki;
  }

  /** Bearer token of user {@code admin} in group {@code system:masters}. */
  public String adminToken() {
    return adminToken;
  }

  /** Bearer token of user {@code viewer}: authenticated, but granted nothing by RBAC. */
  public String viewerToken() {
    return viewerToken;
  }

  /** A kubeconfig file for {@code kubectl}, as the admin. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The directory holding the logs, certificates and kubeconfig. */
  public Path workDirectory() {
    return workDirectory;
  }

  /** One line naming the log files, for failure messages. */
  public String logHint() {
    return "kube-apiserver log: "
        + workDirectory.resolve("kube-apiserver.log")
        + ", etcd log: "
        + workDirectory.resolve("etcd.log");
  }

  /**
   * Creates a namespace and its {@code default} ServiceAccount, which a real cluster's controller
   * manager would create. The account does not automount a token: no token controller runs, and
   * the API server's ServiceAccount admission rejects pods that would need one.
   */
  public void createNamespace(String name) {
    createNamespace(name, Map.of());
  }

  /** {@link #createNamespace(String)} with labels, for webhooks' namespace selectors. */
  public void createNamespace(String name, Map<String, String> labels) {
    client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).addToLabels(labels).endMetadata().build())
        .create();
    client()
        .serviceAccounts()
        .inNamespace(name)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("default")
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build())
        .create();
  }

  /** Stops the API server and starts it again on the same port and etcd data. */
  public void restartApiServer() throws IOException, InterruptedException {
    apiServer.stop();
    apiServer = launch("kube-apiserver", apiServerCommand, "kube-apiserver.log");
    awaitApiServerReady();
  }

  /** Stops both processes by PID and removes etcd's data; the logs stay. */
  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    client = null;
    if (apiServer != null) {
      apiServer.stop();
    }
    if (etcd != null) {
      etcd.stop();
    }
    deleteRecursively(etcdData);
  }

  private void writeCredentials() throws IOException {
    Path pkiDir = Files.createDirectories(workDirectory.resolve("pki"));
    pki.issueLoopbackServer("kube-apiserver").writePem(pkiDir, "apiserver");
    Files.writeString(pkiDir.resolve("ca.crt"), pki.caPem(), StandardCharsets.US_ASCII);
    KeyPair serviceAccountKeys = TestPki.newKeyPair();
    Files.writeString(pkiDir.resolve("sa.key"), TestPki.privateKeyPem(serviceAccountKeys));
    Files.writeString(pkiDir.resolve("sa.pub"), TestPki.publicKeyPem(serviceAccountKeys));
    // token,user,uid,"groups"
    Files.writeString(
        pkiDir.resolve("tokens.csv"),
        adminToken + ",admin,admin-uid,\"system:masters\"\n" + viewerToken + ",viewer,viewer-uid\n");
  }

  private void startEtcd(Path binary) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      int clientPort = freePort();
      int peerPort = freePort();
      String clientUrl = "http://127.0.0.1:" + clientPort;
      String peerUrl = "http://127.0.0.1:" + peerPort;
      if (attempt > 1) {
        // A member that failed to bind may have left a WAL for other URLs behind.
        deleteRecursively(etcdData);
        Files.createDirectories(etcdData);
      }
      etcd = launch("etcd", ServerCommands.etcd(binary, etcdData, clientUrl, peerUrl), "etcd.log");
      if (awaitHttpOk(etcd, URI.create(clientUrl + "/health"), null, ETCD_READY_TIMEOUT)) {
        etcdUrl = clientUrl;
        return;
      }
      retryOrFail(etcd, attempt, "etcd did not become healthy at " + clientUrl + "/health");
    }
  }

  private void startApiServer(Path binary) throws IOException, InterruptedException {
    Path pkiDir = workDirectory.resolve("pki");
    for (int attempt = 1; ; attempt++) {
      securePort = freePort();
      apiServerCommand = ServerCommands.apiServer(binary, etcdUrl, securePort, pkiDir);
      apiServer = launch("kube-apiserver", apiServerCommand, "kube-apiserver.log");
      if (awaitHttpOk(apiServer, URI.create(baseUrl() + "/readyz"), adminToken, API_READY_TIMEOUT)) {
        return;
      }
      retryOrFail(apiServer, attempt, "kube-apiserver did not become ready at " + baseUrl() + "/readyz");
    }
  }

  private void awaitApiServerReady() throws InterruptedException {
    if (!awaitHttpOk(apiServer, URI.create(baseUrl() + "/readyz"), adminToken, API_READY_TIMEOUT)) {
      throw new IllegalStateException(failure(apiServer, "kube-apiserver did not become ready again at " + baseUrl() + "/readyz after a restart"));
    }
  }

  private void retryOrFail(ManagedProcess process, int attempt, String problem) {
    process.stop();
    // Another process may take a port between freePort() and the server's bind: try new ones.
    boolean portTaken = process.logTail(50).contains("address already in use");
    if (!portTaken || attempt >= START_ATTEMPTS) {
      throw new IllegalStateException(failure(process, problem));
    }
  }

  private ManagedProcess launch(String name, List<String> command, String logName) throws IOException {
    return ManagedProcess.start(name, command, workDirectory.resolve(logName));
  }

  private boolean awaitHttpOk(ManagedProcess process, URI uri, String token, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      // Stops early when the process exits; an IOException means it is not listening yet.
      await(uri + " answering 200").atMost(timeout).pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> !process.isAlive()
              || probe.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    } catch (ConditionTimeoutException notInTime) {
      return false;
    }
    return process.isAlive();
  }

  private static String failure(ManagedProcess process, String problem) {
    String state = process.isAlive() ? "still running" : "exited with code " + process.exitCode();
    return problem + " (" + process.name() + " " + state + "); log: " + process.log() + "\n--- last lines ---\n" + process.logTail(25);
  }

  private void writeKubeconfig() throws IOException {
    kubeconfig = workDirectory.resolve("kubeconfig");
    String yaml = ServerCommands.kubeconfig(baseUrl(), base64(pki.caPem()), adminToken);
    Files.writeString(kubeconfig, yaml, StandardCharsets.UTF_8);
  }

  private static Path freshEtcdDirectory() throws IOException {
    // tmpfs when there is one: etcd fsyncs every write, and the disk is shared by many builds.
    Path shm = Path.of("/dev/shm");
    Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(parent, "relocator-etcd-");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover data directory in /dev/shm or the temp directory is harmless
    }
  }
}
