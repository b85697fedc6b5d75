package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The vector-selection options of {@code vector resolve}, {@code mirror} and {@code verify}: one set of rules. */
class VectorSelectionTest {
  private static final String VECTOR = Path.of("..", "examples", "images.yaml").toString();
  /** A closed loopback port: nothing here may reach it, every case fails before any request. */
  private static final String NOWHERE = "127.0.0.1:1";

  @TempDir Path dir;

  /** Each command, up to its vector-selection options. */
  static Stream<List<String>> commands() {
    return Stream.of(
        List.of("vector", "resolve", "--vector", VECTOR),
        List.of("mirror", "--vector", VECTOR, "--to", NOWHERE),
        List.of("verify", "--vector", VECTOR, "--registry", NOWHERE));
  }

  private static CliRun run(List<String> command, String... more) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anEmptyTargetVersionIsAUsageErrorEverywhere(List<String> command) {
    CliRun run = run(command, "--target-version", "");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("relocator: --target-version must not be empty" + System.lineSeparator());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aTargetVersionThatDoesNotParseIsAUsageErrorWithTheSameWordsEverywhere(List<String> command) {
    CliRun run = run(command, "--target-version", "one.two");
    CliRun resolve = run(commands().findFirst().orElseThrow(), "--target-version", "one.two");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("\"one.two\"").doesNotContain("internal error")
        .startsWith(resolve.err().lines().findFirst().orElseThrow());
  }

  @Test
  void resolveTakesOneTargetVersion() {
    CliRun run = run(commands().findFirst().orElseThrow(), "--target-version", "1.30.0", "--target-version", "1.31.0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: option '--target-version' (V) should be specified only once");
  }

  @ParameterizedTest
  @MethodSource("otherSources")
  void theSelectionNeedsAVector(List<String> command, String option, String value, String message) {
    CliRun run = run(command, option, value);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: " + message + System.lineSeparator());
  }

  static Stream<Arguments> otherSources() {
    List<String> mirror = List.of("mirror", "--images", "images.txt", "--to", NOWHERE);
    List<String> verify = List.of("verify", "--images", "images.txt", "--registry", NOWHERE);
    return Stream.of(
        Arguments.of(mirror, "--target-version", "1.30.0", "--target-version needs --vector"),
        Arguments.of(verify, "--target-version", "1.30.0", "--target-version needs --vector"),
        Arguments.of(mirror, "--overwrite", VECTOR, "--overwrite needs --vector"),
        Arguments.of(verify, "--overwrite", VECTOR, "--overwrite needs --vector"),
        Arguments.of(mirror, "--write-overwrite", "out.yaml", "--write-overwrite needs --vector"));
  }

  @ParameterizedTest
  @MethodSource("targetProblems")
  void everyOtherFlagProblemOfMirrorAndVerifyIsAUsageErrorToo(List<String> args, String message) {
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: " + message);
  }

  static Stream<Arguments> targetProblems() {
    return Stream.of(
        Arguments.of(List.of("mirror", "--images", "images.txt"), "needs --to, --rules, or both"),
        Arguments.of(List.of("verify", "--images", "images.txt"), "needs --registry, --rules, or both"),
        Arguments.of(List.of("verify", "--from", "/tmp/x", "--registry", NOWHERE), "invalid --from \"/tmp/x\": expected oci:DIR"),
        Arguments.of(List.of("verify", "--images", "images.txt", "--registry", "Bad_Host/x"), "invalid destination \"Bad_Host/x\""));
  }

  @Test
  void verifyReadsImagevectorOverwriteFromTheEnvironmentAsResolveDoes() throws IOException {
    Path over = Files.writeString(dir.resolve("over.yaml"),
        "images:\n- name: metrics-server\n  repository: 127.0.0.1:5000/metrics-server\n");
    Path layout = Files.createDirectories(dir.resolve("layout"));
    VerifyCommand command = new VerifyCommand();
    CommandLine commandLine = new CommandLine(command);
    command.scope.selection.environment = Map.of("IMAGEVECTOR_OVERWRITE", over.toString());
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    commandLine.execute("--vector", VECTOR, "--target-version", "1.31.4", "--registry", "oci:" + layout);
    assertThat(out.toString()).contains("127.0.0.1:5000/metrics-server:v0.7.2");
  }
}
