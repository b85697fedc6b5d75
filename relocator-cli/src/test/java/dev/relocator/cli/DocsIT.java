package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every shell block ({@code bash}, {@code sh}, {@code console}) of README.md and docs/*.md,
 * page by page, as a reader would: one bash session per page (so {@code cd} and variables carry
 * over), in a temporary copy of the checkout's {@code examples/}, with {@code relocator} and
 * {@code ./relocator} running the built jar through the release's launcher (no rebuild check, no
 * start-up archive: the jar is fresh). Blocks marked {@code <!-- file: PATH -->} are written
 * where the reader would write them, when the session reaches them. Where the page shows output
 * ({@code $ } lines of a console block, or a block marked {@code <!-- output -->} after a shell
 * block) it must match what was printed, stdout and stderr together as a terminal shows them;
 * {@link DocOutput} says what is normalised. A block that cannot run here carries
 * {@code <!-- not run: REASON -->}; every other shell block runs, so a new block without a mark
 * runs or fails. Registry names a page declares with {@code <!-- registry: NAME -->} are
 * {@code docker-registry} instances on loopback, the name replaced by {@code 127.0.0.1:PORT} in
 * what runs and put back in what is compared. {@link DocBlocks} describes the marks.
 */
class DocsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** A page's whole session; generous, as each command starts a JVM on a machine shared by parallel builds. */
  private static final long PAGE_TIMEOUT_SECONDS = 300;

  @TempDir Path dir;

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static DocBlocks read(Path page) throws IOException {
    return DocBlocks.parse(ROOT.relativize(page).toString(), Files.readString(page));
  }

  @Test
  void everyFenceHasALanguageAndEveryMarkIsWellFormed() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path page : pages()) {
      DocBlocks blocks = read(page);
      problems.addAll(blocks.problems());
      for (DocBlocks.Block b : blocks.blocks()) {
        if (b.mark().equals("output") && blocks.shownBy(b).isEmpty()) {
          problems.add(blocks.page() + ":" + b.line() + ": <!-- output --> with no shell block before it");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyShellBlockRunsAndPrintsWhatThePageShows() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages()) {
      DocBlocks blocks = read(page);
      if (blocks.blocks().stream().anyMatch(DocBlocks.Block::runs)) {
        tests.add(DynamicTest.dynamicTest(blocks.page(), () -> run(blocks)));
      }
    }
    return tests.stream();
  }

  private void run(DocBlocks page) throws Exception {
    Path work = Files.createDirectories(dir.resolve(page.page().replace('/', '-')));
    copy(ROOT.resolve("examples"), work.resolve("examples"));
    Path bin = launcher(Files.createDirectories(dir.resolve("bin")));
    Files.createSymbolicLink(work.resolve("relocator"), bin.resolve("relocator"));
    // The build's output, for the README's install from the release archive.
    Files.createSymbolicLink(Files.createDirectories(work.resolve("relocator-cli")).resolve("target"),
        ROOT.resolve("relocator-cli/target"));
    List<RegistryServer> registries = new ArrayList<>();
    try {
      // Page name -> loopback address in what runs; the reverse, and the directory, in what is compared.
      Map<String, String> names = new LinkedHashMap<>();
      Map<String, String> back = new LinkedHashMap<>();
      for (DocBlocks.Registry r : page.registries()) {
        RegistryServer server = RegistryServer.builder(dir.resolve("registry-" + registries.size())).start();
        registries.add(server);
        if (r.seeded()) {
          CliRun.seed(TestImages.small(dir.resolve("images-" + registries.size())), server.hostPort());
        }
        names.put(r.name(), server.hostPort());
        back.put(server.hostPort(), r.name());
      }
      back.put(work + "/", "");
      back.put(work.toString(), ".");
      List<String> failures = new ArrayList<>(sameAsTheCheckout(page, work));
      failures.addAll(check(page, session(page, work, bin, names), back));
      assertThat(failures).as("%s: %d of its blocks differ from what runs", page.page(), failures.size()).isEmpty();
    } finally {
      for (RegistryServer r : registries) {
        r.close();
      }
    }
  }

  /** One step of the session: a command (a bash block, or one {@code $ } line of a console block). */
  private record Step(int index, DocBlocks.Block block, DocBlocks.Command command, int exit) {}

  private record Session(List<Step> steps, Path results) {}

  private Session session(DocBlocks page, Path work, Path bin, Map<String, String> names) throws Exception {
    Path results = Files.createDirectories(dir.resolve(work.getFileName() + "-steps"));
    StringBuilder script = new StringBuilder("set +e\ncd '" + work + "'\n");
    List<Step> steps = new ArrayList<>();
    for (DocBlocks.Block b : page.blocks()) {
      // A file of the checkout is compared (sameAsTheCheckout), not replaced: the reader runs the checkout's.
      if (b.mark().equals("file") && !Files.exists(work.resolve(b.argument()))) {
        script.append("mkdir -p \"$(dirname '").append(b.argument()).append("')\"\ncat >'").append(b.argument())
            .append("' <<'DOCS_IT_FILE'\n").append(substitute(b.text(), names)).append("DOCS_IT_FILE\n");
      }
      if (!b.runs()) {
        continue;
      }
      List<DocBlocks.Command> commands = b.commands();
      for (int c = 0; c < commands.size(); c++) {
        int exit = c == commands.size() - 1 && b.mark().equals("exit") ? Integer.parseInt(b.argument()) : 0;
        Step step = new Step(steps.size(), b, commands.get(c), exit);
        steps.add(step);
        Path out = results.resolve(step.index() + ".out");
        script.append("# ").append(page.page()).append(':').append(b.line()).append('\n')
            // Every failing command of a bash block is noted, not only the last one's status.
            .append("trap 'echo \"$BASH_COMMAND: exit $?\" >>\"").append(results.resolve(step.index() + ".failed"))
            .append("\"' ERR\n")
            .append("{\n").append(substitute(step.command().text(), names)).append("\n} >'").append(out)
            .append("' 2>&1 </dev/null\necho $? >'").append(results.resolve(step.index() + ".rc")).append("'\n")
            .append("trap - ERR\n");
      }
    }
    Path file = Files.writeString(results.resolve("session.sh"), script);
    ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(results.resolve("session.log").toFile());
    // A reader's PATH: ~/.local/bin (where the README installs relocator) first.
    Path home = Files.createDirectories(work.resolve(".home"));
    pb.environment().put("PATH", home.resolve(".local/bin") + ":" + bin + ":" + System.getenv("PATH"));
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("IMAGEVECTOR_OVERWRITE");
    pb.environment().remove("IMAGEVECTOR_OVERWRITE_COMPONENTS");
    Process session = pb.start();
    if (!session.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      session.descendants().forEach(ProcessHandle::destroyForcibly);
      session.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(page.page() + ": the session did not end in " + PAGE_TIMEOUT_SECONDS + " s; see " + file);
    }
    return new Session(steps, results);
  }

  private static List<String> check(DocBlocks page, Session session, Map<String, String> back) throws IOException {
    List<String> failures = new ArrayList<>();
    Map<DocBlocks.Block, String> outputs = new LinkedHashMap<>();
    for (Step step : session.steps()) {
      String where = page.page() + ":" + step.block().line() + ": " + step.command().text().lines().findFirst().orElse("");
      Path rc = session.results().resolve(step.index() + ".rc");
      if (!Files.exists(rc)) {
        failures.add(where + "\n  never finished");
        continue;
      }
      String out = DocOutput.normalise(Files.readString(session.results().resolve(step.index() + ".out")), back);
      outputs.put(step.block(), out);
      int code = Integer.parseInt(Files.readString(rc).strip());
      Path failed = session.results().resolve(step.index() + ".failed");
      if (code != step.exit()) {
        failures.add(where + "\n  exit " + code + ", the page expects " + step.exit() + "; it printed:\n" + indent(out));
      } else if (step.exit() == 0 && Files.exists(failed)) {
        failures.add(where + "\n  a command failed: " + Files.readString(failed).strip() + "; it printed:\n" + indent(out));
      }
      String expected = step.command().output();
      if (expected != null && !DocOutput.matches(expected, out)) {
        failures.add(where + "\n  the page shows:\n" + indent(expected) + "\n  it printed:\n" + indent(out));
      }
    }
    for (DocBlocks.Block b : page.blocks()) {
      if (b.mark().equals("output")) {
        DocBlocks.Block shell = page.shownBy(b).orElseThrow();
        String out = outputs.get(shell);
        if (out == null) {
          failures.add(page.page() + ":" + b.line() + ": shows the output of the block at line " + shell.line()
              + ", which does not run");
        } else if (!DocOutput.matches(b.text(), out)) {
          failures.add(page.page() + ":" + b.line() + ": output of the block at line " + shell.line()
              + "\n  the page shows:\n" + indent(b.text()) + "\n  it printed:\n" + indent(out));
        }
      }
    }
    return failures;
  }

  /**
   * A file block naming a file of the checkout ({@code <!-- file: examples/rules.yaml -->}) claims
   * to show that file: it must hold the same lines, comments and blank lines aside.
   */
  private static List<String> sameAsTheCheckout(DocBlocks page, Path work) throws IOException {
    List<String> failures = new ArrayList<>();
    for (DocBlocks.Block b : page.blocks()) {
      Path file = work.resolve(b.argument());
      if (b.mark().equals("file") && Files.isRegularFile(file) && !withoutComments(Files.readString(file))
          .equals(withoutComments(b.text()))) {
        failures.add(page.page() + ":" + b.line() + ": the page shows " + b.argument() + " otherwise than the checkout "
            + "holds it:\n" + indent(withoutComments(b.text())) + "\n  the checkout's:\n"
            + indent(withoutComments(Files.readString(file))));
      }
    }
    return failures;
  }

  private static String withoutComments(String text) {
    return String.join("\n", text.lines().map(l -> l.replaceFirst("(^|\\s+)#.*$", "").stripTrailing())
        .filter(l -> !l.isEmpty()).toList());
  }

  /** {@code relocator}: the release's launcher running the jar the package phase built. */
  private static Path launcher(Path bin) throws IOException {
    Path jar = ServeProcess.JAR;
    assertThat(jar).as("the executable jar, built by the package phase before failsafe runs").exists();
    Path script = bin.resolve("relocator");
    if (!Files.exists(script)) {
      Files.writeString(script, "#!/usr/bin/env bash\nRELOCATOR_JAR='" + jar + "' exec '"
          + ROOT.resolve("relocator-cli/src/main/dist/bin/relocator") + "' \"$@\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  private static String substitute(String text, Map<String, String> names) {
    String s = text;
    for (Map.Entry<String, String> n : names.entrySet()) {
      s = s.replace(n.getKey(), n.getValue());
    }
    return s;
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(f -> {
        try {
          Path target = to.resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(target);
          } else if (!from.relativize(f).startsWith("out")) {
            Files.copy(f, target);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
