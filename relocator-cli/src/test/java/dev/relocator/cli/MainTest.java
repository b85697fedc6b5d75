package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class MainTest {
  private static final String VECTOR = "../examples/images.yaml";

  /** Command lines of every kind: runs, help at each level, version, and mistakes at each level. */
  static Stream<List<String>> commandLines() {
    return Stream.of(
        List.of(),
        List.of("--help"),
        List.of("-h"),
        List.of("--version"),
        List.of("-V"),
        List.of("--verbose"),
        List.of("--no-such-option"),
        List.of("vectr"),
        List.of("help"),
        List.of("--verbose", "--help", "vector"),
        List.of("--help", "vector"),
        List.of("--verbose", "vectr", "resolve"),
        List.of("--", "vector"),
        List.of("vector"),
        List.of("vector", "--help"),
        List.of("vector", "--version"),
        List.of("vector", "resolv"),
        List.of("vector", "resolve", "--help"),
        List.of("vector", "--verbose", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4"),
        List.of("vector", "merge", "--help"),
        List.of("vector", "--help", "resolve"),
        List.of("mirrors", "containerd"),
        List.of("vector", "resolve"),
        List.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4"),
        List.of("--verbose", "vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4", "-o", "json"),
        List.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.3x"),
        List.of("vector", "resolve", "--vector", "no-such.yaml"),
        List.of("vector", "resolve", "--vector", VECTOR, "-o", "xml"),
        List.of("vector", "validate", VECTOR),
        List.of("vector", "resolve", "--vector", VECTOR, "image"),
        List.of("image", "normalize", "nginx", "-o", "JSON"),
        List.of("image", "rewrite", "--help"),
        List.of("rewrite", "--help"),
        List.of("rewrite"),
        List.of("mirrors"),
        List.of("mirrors", "crio", "--help"),
        List.of("mirrors", "--bogus"),
        List.of("imagemap", "generate", "--help"),
        List.of("imagemap", "generate", "--lock", "no-such.yaml", "--namespace", "platform"));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void treeWithOnlyTheInvokedCommandsBehavesAsTheFullTree(List<String> args) {
    String[] argv = args.toArray(String[]::new);
    assertThat(CliRun.of(argv)).isEqualTo(CliRun.onFullTree(argv));
  }

  static Stream<Arguments> builtCommands() {
    return Stream.of(
        Arguments.of(List.of("vector", "resolve", "--vector", VECTOR), "vector", List.of("resolve")),
        Arguments.of(List.of("--verbose", "vector", "--verbose", "merge", "--help"), "vector", List.of("merge")),
        Arguments.of(List.of("image", "normalize", "nginx"), "image", List.of("normalize")),
        Arguments.of(List.of("mirrors", "crio"), "mirrors", List.of("crio")),
        Arguments.of(List.of("rewrite", "--help"), "rewrite", List.of()),
        Arguments.of(List.of("vector"), "vector", List.of("validate", "merge", "resolve", "components", "relocate")),
        Arguments.of(List.of("vector", "--help", "resolve"), "vector", List.of("validate", "merge", "resolve", "components", "relocate")),
        Arguments.of(List.of("vector", "resolv"), "vector", List.of("validate", "merge", "resolve", "components", "relocate")));
  }

  @ParameterizedTest
  @MethodSource("builtCommands")
  void onlyTheNamedCommandsAreBuilt(List<String> args, String group, List<String> commands) {
    CommandLine root = Main.newCommandLine(args.toArray(String[]::new));
    assertThat(root.getSubcommands().keySet()).containsExactly(group);
    assertThat(root.getSubcommands().get(group).getSubcommands().keySet()).containsExactlyElementsOf(commands);
  }

  static Stream<List<String>> commandLinesNamingNoGroup() {
    return commandLines().filter(args -> !List.of("vector", "image", "rewrite", "mirrors", "mirror", "verify", "serve", "imagemap")
        .contains(args.stream().filter(a -> !a.equals("--verbose")).findFirst().orElse("")));
  }

  @ParameterizedTest
  @MethodSource("commandLinesNamingNoGroup")
  void commandLinesNamingNoGroupGetTheFullTree(List<String> args) {
    CommandLine root = Main.newCommandLine(args.toArray(String[]::new));
    assertThat(root.getSubcommands().keySet()).containsExactly("vector", "image", "rewrite", "mirrors", "mirror", "verify", "serve",
        "imagemap");
    assertThat(root.getSubcommands().get("vector").getSubcommands()).hasSize(5);
  }
}
