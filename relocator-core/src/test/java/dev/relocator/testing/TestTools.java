package dev.relocator.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The external programs the integration tests run, and the one rule for a missing one: the test
 * skips with one line saying what is missing, or fails when {@code CI=true} (as {@code .ci/run}
 * sets it), because CI must run everything.
 */
public final class TestTools {
  /** Debian's {@code docker-registry} (distribution 2.8). */
  public static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  /** Debian's {@code skopeo}. */
  public static final Path SKOPEO = Path.of("/usr/bin/skopeo");
  /** The kube-apiserver version scripts/build-kube-apiserver.sh builds. */
  public static final String KUBE_APISERVER_VERSION = "1.20.2";

  private TestTools() {}

  /** Skips (or with {@code CI=true} fails) unless {@code tool} is an executable file. */
  public static void assumeInstalled(Path tool) {
    require(Files.isExecutable(tool), tool.toString(), "missing (scripts/ensure-test-tools.sh installs it)");
  }

  /**
   * Skips the current test (or class) when {@code available} is false, saying {@code what} is
   * missing and why, or fails it when {@code CI=true}. A skip also prints the line, because build
   * tools do not show why a whole class was skipped.
   */
  public static void require(boolean available, String what, String reason) {
    require(available, what, reason, System.getenv());
  }

  static void require(boolean available, String what, String reason, Map<String, String> environment) {
    if (available) {
      return;
    }
    if (requiredByCi(environment)) {
      throw new AssertionError(what + ": " + reason + " (CI=true: required)");
    }
    skip(what, reason);
  }

  /**
   * Skips the current test when an optional tool is missing, even with {@code CI=true} (kubectl:
   * a second client when present, never a requirement).
   */
  public static void optional(boolean available, String what, String reason) {
    if (!available) {
      skip(what, reason);
    }
  }

  /** Whether the environment asks missing tools to fail the run instead of skipping it. */
  public static boolean requiredByCi() {
    return requiredByCi(System.getenv());
  }

  static boolean requiredByCi(Map<String, String> environment) {
    return "true".equalsIgnoreCase(environment.get("CI"));
  }

  /**
   * The kube-apiserver binary: {@code $KUBE_APISERVER} when set, else the one
   * scripts/build-kube-apiserver.sh caches under {@code $XDG_CACHE_HOME} (or {@code ~/.cache}).
   */
  public static Path kubeApiServer() {
    String override = System.getenv("KUBE_APISERVER");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path cacheDir = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return cacheDir.resolve("relocator").resolve("kube-apiserver-" + KUBE_APISERVER_VERSION);
  }

  /** Debian's etcd ({@code etcd-server}), or the first {@code etcd} on the PATH. */
  public static Optional<Path> etcd() {
    return onPath("etcd");
  }

  /** The first {@code kubectl} on the PATH. */
  public static Optional<Path> kubectl() {
    return onPath("kubectl");
  }

  /** The first executable {@code program} on the PATH, then in /usr/bin and /usr/local/bin. */
  public static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static void skip(String what, String reason) {
    System.err.println("SKIPPED " + what + ": " + reason);
    Assumptions.abort(what + ": " + reason);
  }
}
