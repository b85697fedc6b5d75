package dev.relocator.registry.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.relocator.oci.json.JsonMappers;
import dev.relocator.registry.error.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, {@code docker-credential-NAME}, run as Docker runs it:
 * {@code docker-credential-NAME get} with the server URL on stdin answers
 * {@code {"ServerURL":…,"Username":…,"Secret":…}} on stdout. A user name of {@code <token>} makes the
 * secret an identity token; "credentials not found" means anonymous access. Messages name the
 * helper and never echo what it printed on success, which holds the secret.
 */
final class CredentialHelper {
  /** Helpers answer from a keychain or a file; a bound keeps a hung one from stalling a run. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** An answer is a small JSON object; anything longer is not a helper's. */
  private static final int MAX_OUTPUT = 64 * 1024;

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AnswerTemplate(
      @JsonProperty("ServerURL") String serverUrl,
      @JsonProperty("Username") String username,
      @JsonProperty("Secret") String secret) {}

  private final String name;
  private final String path;
  private final Duration timeout;

  /**
   * @param name the helper's suffix ({@code desktop} for {@code docker-credential-desktop})
   * @param path the search path ({@code PATH}'s value) to find it on
   */
  CredentialHelper(String name, String path, Duration timeout) {
    this.name = name;
    this.path = path == null ? "" : path;
    this.timeout = timeout;
  }

  String command() {
    return "docker-credential-" + name;
  }

  /** The credentials stored for {@code serverUrl}; empty when the helper has none. */
  Optional<Credentials> get(String serverUrl) {
    Path executable = locate().orElseThrow(() -> new RegistryException("credential helper " + command()
        + " (named in docker config.json) is not on PATH; install it, or remove it from config.json to use no helper"));
    String what = "credential helper " + command() + " get " + serverUrl;
    Process process;
    try {
      process = new ProcessBuilder(executable.toString(), "get")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new RegistryException(what + ": cannot start it: " + e.getMessage(), e);
    }
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copyBounded(process.getInputStream(), stdout), "relocator-credential-helper");
    reader.setDaemon(true);
    reader.start();
    int exit;
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // A helper may exit before reading its input; its exit status tells what happened.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RegistryException(what + ": no answer within " + timeout.toSeconds() + " s (stopped it)");
      }
      exit = process.exitValue();
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RegistryException(what + ": interrupted", e);
    }
    String out;
    synchronized (stdout) {
      out = stdout.toString(StandardCharsets.UTF_8).strip();
    }
    if (exit != 0) {
      // Helpers print their error message (never a secret) on stdout and exit 1.
      if (out.toLowerCase(Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      String first = out.lines().findFirst().orElse("");
      throw new RegistryException(what + ": exit status " + exit
          + (first.isEmpty() ? "" : ": " + (first.length() > 200 ? first.substring(0, 200) + "…" : first)));
    }
    AnswerTemplate answer;
    try {
      answer = JsonMappers.plain().readValue(out, AnswerTemplate.class);
    } catch (IOException e) {
      // The output may hold a secret: say what was wrong without echoing it.
      throw new RegistryException(what + ": its answer is not the JSON object {ServerURL, Username, Secret}", e);
    }
    if (answer == null || answer.secret() == null || answer.secret().isEmpty()) {
      return Optional.empty();
    }
    if (answer.username() == null || answer.username().isEmpty()) {
      throw new RegistryException(what + ": its answer has a Secret but no Username");
    }
    return Optional.of(answer.username().equals(Credentials.IDENTITY_TOKEN_USER)
        ? Credentials.identityToken(answer.secret())
        : new Credentials(answer.username(), answer.secret()));
  }

  private Optional<Path> locate() {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void copyBounded(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (out) {
          if (out.size() < MAX_OUTPUT) {
            out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
          }
        }
      }
    } catch (IOException ignored) {
      // The process was stopped; what was read is what it said.
    }
  }
}
