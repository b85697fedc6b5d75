package dev.relocator.apiserver;

import dev.relocator.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl} against a test API server as a second, independent client. */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 90;

  private final Path binary;
  private final KubeApiServer server;

  private Kubectl(Path binary, KubeApiServer server) {
    this.binary = binary;
    this.server = server;
  }

  /** The kubectl on the PATH for {@code server}; skips the test without one, also in CI. */
  static Kubectl forServer(KubeApiServer server, String test) {
    Path binary = TestTools.kubectl().orElse(null);
    TestTools.optional(binary != null, test, "kubectl not found on the PATH");
    return new Kubectl(binary, server);
  }

  /** Runs kubectl with the server's kubeconfig; returns its output, failing on a non-zero exit. */
  String run(String... arguments) throws IOException, InterruptedException {
    return run(false, arguments);
  }

  /**
   * {@code kubectl auth can-i ...}: "yes" or "no" (it exits 1 for "no", which is an answer, not a
   * failure), the last line of its output: warnings (a cluster-scoped resource asked about in a
   * namespace) come before it.
   */
  String canI(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("auth", "can-i"));
    command.addAll(List.of(arguments));
    String[] lines = run(true, command.toArray(new String[0])).strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private String run(boolean exitOneAnswers, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + server.kubeconfig()));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(server.workDirectory(), "kubectl-", ".out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl timed out after " + TIMEOUT_SECONDS + " s: " + command + "; output in " + output);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 && !(exitOneAnswers && process.exitValue() == 1)) {
      throw new AssertionError("kubectl exited with " + process.exitValue() + ": " + command + "\n" + text);
    }
    return text;
  }

  /** Copies a test resource next to the server's logs, for {@code kubectl apply --filename}. */
  Path resource(String name) throws IOException {
    Path file = server.workDirectory().resolve(name);
    try (var in = Kubectl.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " not found next to " + Kubectl.class.getName());
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
