package dev.relocator.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by a test: its output goes to a log file, and it is stopped by its
 * PID (gracefully, then forcibly), together with any children it started.
 */
final class ManagedProcess {

  private static final long GRACE_SECONDS = 10;
  // Proxy settings of the developer's shell must not route loopback traffic (webhook calls).
  private static final List<String> PROXY_VARIABLES =
      List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");

  private final String name;
  private final Path log;
  private final Process process;
  private final Thread shutdownHook;

  private ManagedProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
    // A JVM killed between tests (Ctrl-C, a timeout) must not leave servers behind.
    this.shutdownHook = new Thread(this::destroyTree, "stop-" + name + "-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a command with its output appended to {@code log}. */
  static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "$ " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> environment = builder.environment();
    PROXY_VARIABLES.forEach(environment::remove);
    return new ManagedProcess(name, log, builder.start());
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Exit code, or -1 while running. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** The last lines of the log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops the process by PID: SIGTERM, then SIGKILL after a grace period. */
  void stop() {
    destroyTree();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to run; nothing left to undo
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or an OOM kill would: nothing is released. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
  }

  private void destroyTree() {
    ProcessHandle handle = process.toHandle();
    List<ProcessHandle> children = handle.descendants().toList();
    handle.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
