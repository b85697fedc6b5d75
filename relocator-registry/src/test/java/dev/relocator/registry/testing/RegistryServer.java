package dev.relocator.registry.testing;

import static org.awaitility.Awaitility.await;

import dev.relocator.testing.TestPki;
import dev.relocator.testing.TestTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import java.util.stream.Stream;

/**
 * A real Debian {@code docker-registry} (distribution v2) on a free loopback port with a fresh
 * storage directory, plain, with TLS, with htpasswd basic auth, or with Bearer tokens.
 */
public final class RegistryServer implements AutoCloseable {
  public static final String USER = "relocator";
  public static final String PASSWORD = "s3cret-pass";

  private final Process process;
  private final int port;
  private final boolean tls;
  private final Path dir;

  private RegistryServer(Process process, int port, boolean tls, Path dir) {
    this.process = process;
    this.port = port;
    this.tls = tls;
    this.dir = dir;
  }

  /** Starts configuring a registry whose files (config, storage, log) live below {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** {@code 127.0.0.1:PORT}, the registry's name in references. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public URI baseUri() {
    return URI.create((tls ? "https" : "http") + "://" + hostPort());
  }

  public Path storage() {
    return dir.resolve("storage");
  }

  /**
   * Removes tag {@code reference} ({@code repository:tag}) from the storage, manifests and blobs
   * kept: a repository as a copy interrupted before its tag was pushed leaves it. The registry
   * reads tags from its storage at each request, so it needs no restart.
   */
  public void deleteTag(String reference) {
    int colon = reference.lastIndexOf(':');
    Path tag = storage().resolve("docker/registry/v2/repositories").resolve(reference.substring(0, colon))
        .resolve("_manifests/tags").resolve(reference.substring(colon + 1));
    try (Stream<Path> walk = Files.walk(tag)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("delete tag " + reference + " in " + storage(), e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Options of a registry to start. */
  public static final class Builder {
    private final Path dir;
    private TestPki.Issued serverCertificate;
    private boolean htpasswd;
    private TokenServer tokenServer;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Serves HTTPS with {@code certificate} (issued by a {@link TestPki} CA). */
    public Builder tls(TestPki.Issued certificate) {
      this.serverCertificate = certificate;
      return this;
    }

    /** Requires {@link #USER}/{@link #PASSWORD} through htpasswd basic auth. */
    public Builder htpasswd() {
      this.htpasswd = true;
      return this;
    }

    /** Requires Bearer tokens issued by {@code server}. */
    public Builder token(TokenServer server) {
      this.tokenServer = server;
      return this;
    }

    public RegistryServer start() {
      TestTools.assumeInstalled(TestTools.REGISTRY);
      IOException last = null;
      // A free port can be taken by another process between the probe and the bind: retry.
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          RegistryServer server = tryStart(freePort());
          if (server != null) {
            return server;
          }
        } catch (IOException e) {
          last = e;
        }
      }
      String log;
      try {
        log = Files.readString(dir.resolve("registry.log"));
      } catch (IOException e) {
        log = "(no log: " + e + ")";
      }
      throw new IllegalStateException("docker-registry did not start; its log:\n" + log, last);
    }

    private RegistryServer tryStart(int port) throws IOException {
      Files.createDirectories(dir.resolve("storage"));
      StringBuilder config = new StringBuilder();
      config.append("version: 0.1\n")
          .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
          .append("  secret: relocator-test-secret\n");
      if (serverCertificate != null) {
        Path[] files = serverCertificate.write(dir, "registry");
        config.append("  tls:\n    certificate: ").append(files[0])
            .append("\n    key: ").append(files[1]).append('\n');
      }
      if (htpasswd) {
        Path file = Htpasswd.write(dir.resolve("htpasswd"), USER, PASSWORD);
        config.append("auth:\n  htpasswd:\n    realm: relocator-test\n    path: ").append(file).append('\n');
      } else if (tokenServer != null) {
        config.append("auth:\n  token:\n    realm: ").append(tokenServer.realm())
            .append("\n    service: ").append(TokenServer.SERVICE)
            .append("\n    issuer: ").append(TokenServer.ISSUER)
            .append("\n    rootcertbundle: ").append(tokenServer.certificateFile()).append('\n');
      }
      Path configFile = dir.resolve("config.yml");
      Files.writeString(configFile, config);
      Path log = dir.resolve("registry.log");
      Process process =
          new ProcessBuilder(TestTools.REGISTRY.toString(), "serve", configFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      try {
        await("docker-registry listening on port " + port).atMost(Duration.ofSeconds(20))
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .until(() -> !process.isAlive() || accepts(port));
      } catch (ConditionTimeoutException e) {
        process.destroyForcibly();
        return null;
      }
      return process.isAlive() ? new RegistryServer(process, port, serverCertificate != null, dir) : null;
    }

    private static boolean accepts(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        return false;
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
