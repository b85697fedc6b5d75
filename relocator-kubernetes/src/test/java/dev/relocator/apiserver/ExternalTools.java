package dev.relocator.apiserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs the real-server tests run, and turns a missing one into a skip
 * (one line) or, when {@code CI=true}, into a failure.
 */
public final class ExternalTools {

  /** The kube-apiserver version scripts/build-kube-apiserver.sh builds. */
  public static final String KUBE_APISERVER_VERSION = "1.20.2";

  private ExternalTools() {}

  /**
   * The kube-apiserver binary: {@code $KUBE_APISERVER} when set, else the one cached by
   * scripts/build-kube-apiserver.sh.
   */
  public static Path kubeApiServer() {
    String override = System.getenv("KUBE_APISERVER");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path cacheDir =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
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

  /** True when the environment asks missing tools to fail the run instead of skipping. */
  public static boolean requiredByCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the current test (or class) with {@code reason} when {@code available} is false, or
   * fails it when {@code CI=true}. A skip also prints one line, because build tools do not show
   * why a whole class was skipped.
   */
  public static void require(boolean available, String what, String reason) {
    if (available) {
      return;
    }
    if (requiredByCi()) {
      throw new AssertionError(what + ": " + reason + " (CI=true: required)");
    }
    skip(what, reason);
  }

  /**
   * Skips the current test with {@code reason} when an optional tool is missing, even with
   * {@code CI=true} (kubectl: a second client when present, never a requirement).
   */
  public static void optional(boolean available, String what, String reason) {
    if (!available) {
      skip(what, reason);
    }
  }

  private static void skip(String what, String reason) {
    System.err.println("SKIPPED " + what + ": " + reason);
    Assumptions.abort(reason);
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
