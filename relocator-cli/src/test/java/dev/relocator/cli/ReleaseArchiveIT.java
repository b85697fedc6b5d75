package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive the build writes ({@code target/relocator-VERSION.tar.gz}), installed as a
 * user would: unpacked into a directory of its own, {@code bin/relocator} linked onto a PATH
 * directory, and run from an unrelated working directory with no source checkout in sight. Its
 * start-up archives go to a cache directory of the test's ({@code XDG_CACHE_HOME}).
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
  private Path jar;

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
    jar = home.resolve("lib/relocator.jar").toRealPath();
    assertThat(jar).isRegularFile();
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

  @Test
  void writesAStartUpArchiveOnFirstUseThatTheNextRunsMap() throws Exception {
    Path cwd = Files.createDirectories(work.resolve("somewhere"));
    Files.writeString(cwd.resolve("images.yaml"), VECTOR);

    Result first = run(cwd, linked.toString(), "--version");

    assertThat(first.exit).as(first.stderr).isZero();
    assertThat(first.stderr).as("quiet when stderr is not a terminal").isEmpty();
    Path archive = onlyArchive();
    assertThat(Files.readString(sibling(archive, ".for"))).startsWith(jar + " ").endsWith(" light\n");
    FileTime written = Files.getLastModifiedTime(archive);
    // -Xshare:on: the JVM refuses to start unless it maps the archive.
    Result resolved = run(withJavaOpts(cwd, "-Xshare:on",
        linked.toString(), "vector", "resolve", "--vector", "images.yaml", "-o", "json"));

    assertThat(resolved.exit).as(resolved.stderr).isZero();
    assertThat(resolved.stdout).contains("\"registry.k8s.io/pause:3.10\"");
    assertThat(Files.getLastModifiedTime(archive)).as("not written again").isEqualTo(written);
  }

  @Test
  void writesTheArchiveAgainWhenTheJarChangesEvenToAnOlderOne() throws Exception {
    assertThat(run(work, linked.toString(), "--version").exit).isZero();
    Path archive = onlyArchive();
    // An older release unpacked over this one keeps its build's time: older than the archive.
    FileTime older = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(jar, older);

    Result version = run(withJavaOpts(work, "-Xshare:on", linked.toString(), "--version"));

    assertThat(version.exit).as(version.stderr).isZero();
    assertThat(Files.getLastModifiedTime(sibling(archive, ".jar"))).isEqualTo(older);
    assertThat(onlyArchive()).isEqualTo(archive);
  }

  @Test
  void givesTheRegistryCommandsAnArchiveOfTheirOwn() throws Exception {
    assertThat(run(work, linked.toString(), "--version").exit).isZero();

    Result mirror = run(work, linked.toString(), "mirror", "--images", "missing.txt", "--to", "127.0.0.1:1");

    assertThat(mirror.stderr).contains("missing.txt");
    List<String> families;
    try (Stream<Path> files = Files.list(cache())) {
      families = files.filter(f -> f.toString().endsWith(".for"))
          .map(f -> readUnchecked(f).strip().replaceFirst(".* ", "")).sorted().toList();
    }
    assertThat(families).containsExactly("light", "registry");
  }

  @Test
  void runsWithoutAnArchiveWhenTheCacheCannotBeWritten() throws Exception {
    Path notADirectory = Files.writeString(work.resolve("cache-file"), "");
    ProcessBuilder builder = new ProcessBuilder(linked.toString(), "--version").directory(work.toFile());
    builder.environment().put("XDG_CACHE_HOME", notADirectory.toString());

    Result version = run(builder);

    assertThat(version.exit).as(version.stderr).isZero();
    assertThat(version.stdout).startsWith("relocator " + expectedVersion());
    assertThat(version.stderr).isEmpty();
  }

  private Path cache() {
    return work.resolve("cache/relocator");
  }

  private Path onlyArchive() throws IOException {
    try (Stream<Path> files = Files.list(cache())) {
      List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
      assertThat(archives).as("the start-up archives in " + cache()).hasSize(1);
      return archives.get(0);
    }
  }

  private static Path sibling(Path archive, String suffix) {
    String name = archive.getFileName().toString();
    return archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + suffix);
  }

  private static String readUnchecked(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ProcessBuilder withJavaOpts(Path cwd, String opts, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().put("RELOCATOR_JAVA_OPTS", opts);
    return builder;
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

  private Result run(Path cwd, String... command) throws Exception {
    return run(new ProcessBuilder(command).directory(cwd.toFile()));
  }

  /** Runs it with the test's cache directory, unless the test names another. */
  private Result run(ProcessBuilder builder) throws Exception {
    builder.environment().putIfAbsent("XDG_CACHE_HOME", work.resolve("cache").toString());
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
