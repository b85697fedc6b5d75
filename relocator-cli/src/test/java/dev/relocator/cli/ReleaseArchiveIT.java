package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive the build writes ({@code target/relocator-VERSION.tar.gz}), installed as a
 * user would: unpacked into a directory of its own, {@code bin/relocator} linked onto a PATH
 * directory, and run from an unrelated working directory with no source checkout in sight.
 */
class ReleaseArchiveIT {

  private static final String VECTOR =
      """
      images:
      - name: pause
        repository: registry.k8s.io/pause
        tag: "3.10"
      """;

  @TempDir Path work;
  private Path linked;

  @BeforeEach
  void install() throws Exception {
    Path archive;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      archive =
          files
              .filter(f -> f.getFileName().toString().matches("relocator-.+\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no release archive in target/: run mvn package"));
    }
    Path opt = Files.createDirectories(work.resolve("opt"));
    assertThat(run(opt, "tar", "xzf", archive.toAbsolutePath().toString()).exit).isZero();
    Path home;
    try (Stream<Path> dirs = Files.list(opt)) {
      home = dirs.findFirst().orElseThrow();
    }
    assertThat(home.resolve("bin/relocator")).isExecutable();
    assertThat(home.resolve("lib/relocator.jar")).isRegularFile();
    Path bin = Files.createDirectories(work.resolve("bin"));
    linked = Files.createSymbolicLink(bin.resolve("relocator"), home.resolve("bin/relocator"));
  }

  @Test
  void printsItsVersionThroughASymlinkFromAnyDirectory() throws Exception {
    Result version = run(work, linked.toString(), "--version");

    assertThat(version.exit).isZero();
    assertThat(version.stdout).startsWith("relocator " + expectedVersion());
  }

  @Test
  void runsARealCommandOnAUsersFile() throws Exception {
    Path cwd = Files.createDirectories(work.resolve("somewhere/else"));
    Files.writeString(cwd.resolve("images.yaml"), VECTOR);

    Result resolved = run(cwd, linked.toString(), "vector", "resolve", "--vector", "images.yaml", "-o", "json");

    assertThat(resolved.exit).as(resolved.stderr).isZero();
    assertThat(resolved.stdout).contains("\"registry.k8s.io/pause:3.10\"");
  }

  @Test
  void saysSoWhenNoJavaCanBeFound() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(linked.toString(), "--version").directory(work.toFile());
    builder.environment().put("JAVA_HOME", work.resolve("no-such-jdk").toString());

    Result result = run(builder);

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.stderr).contains("no Java runtime found").contains("JAVA_HOME");
  }

  private static String expectedVersion() throws IOException {
    // The version Maven stamped into the jar's resources at build time.
    Path properties = Path.of("target/classes/dev/relocator/cli/version.properties");
    return Files.readAllLines(properties).stream()
        .filter(l -> l.startsWith("version="))
        .map(l -> l.substring("version=".length()))
        .findFirst()
        .orElseThrow();
  }

  private static Result run(Path cwd, String... command) throws Exception {
    return run(new ProcessBuilder(command).directory(cwd.toFile()));
  }

  private static Result run(ProcessBuilder builder) throws Exception {
    Path stderr = Files.createTempFile("relocator-stderr", ".txt");
    Process process = builder.redirectError(stderr.toFile()).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within a minute").isTrue();
    String errors = Files.readString(stderr);
    Files.delete(stderr);
    return new Result(process.exitValue(), stdout, errors);
  }

  private record Result(int exit, String stdout, String stderr) {}
}
