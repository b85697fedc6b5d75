package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandTreeTest {
  private static final String VECTOR = "../examples/images.yaml";
  private static final List<String> VECTOR_COMMANDS = List.of("validate", "merge", "resolve", "components", "relocate");

  @Test
  void everyEntryIsNamedAsItsCommandAnnotationSaysAndHasNoAlias() {
    for (CommandTree.Entry entry : entries(CommandTree.COMMANDS).toList()) {
      Command command = entry.type().getAnnotation(Command.class);
      assertThat(command).as(entry.type().getName()).isNotNull();
      assertThat(command.name()).as(entry.type().getName()).isEqualTo(entry.name());
      // An alias would be a second name that CommandTree.invoked does not know.
      assertThat(command.aliases()).as(entry.type().getName()).isEmpty();
      // Subcommands in the annotation would be built with the group, whatever CommandTree builds.
      assertThat(command.subcommands()).as(entry.type().getName()).isEmpty();
    }
  }

  private static Stream<CommandTree.Entry> entries(List<CommandTree.Entry> level) {
    return level.stream().flatMap(entry -> Stream.concat(Stream.of(entry), entries(entry.commands())));
  }

  @Test
  void theWholeTreeHoldsEveryCommandClassOfTheCliOnce() {
    // A command class that neither CommandTree nor a group's annotation lists could never run.
    CommandLine full = Main.newCommandLine();
    assertThat(full.getSubcommands().keySet())
        .containsExactlyElementsOf(CommandTree.COMMANDS.stream().map(CommandTree.Entry::name).toList());
    List<String> inTree = commands(full).map(c -> c.getCommandSpec().userObject().getClass().getName()).toList();
    List<String> annotated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.relocator.cli").stream()
        .filter(type -> type.isAnnotatedWith(Command.class))
        .map(JavaClass::getName)
        .toList();
    assertThat(inTree).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(annotated);
  }

  private static Stream<CommandLine> commands(CommandLine commandLine) {
    return Stream.concat(Stream.of(commandLine),
        commandLine.getSubcommands().values().stream().flatMap(CommandTreeTest::commands));
  }

  /** Command lines of every kind: runs, help at each level, version, and mistakes at each level. */
  static Stream<List<String>> commandLines() {
    return Stream.of(
        List.of(),
        List.of("--help"),
        List.of("-h"),
        List.of("--version"),
        List.of("-V"),
        List.of("--verbose", "--version"),
        List.of("--version", "--verbose"),
        List.of("--version", "vector"),
        List.of("--version", "--help"),
        List.of("-hV"),
        List.of("--verbose"),
        List.of("--verbose", "--verbose", "vector"),
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
        List.of("vector", "--verbose", "--help"),
        List.of("vector", "--verbose", "resolv"),
        List.of("vector", "--", "resolve"),
        List.of("vector", "resolve", "--version"),
        List.of("vector", "resolve", "merge"),
        List.of("vector", "merge"),
        List.of("vector", "relocate", "--help"),
        List.of("vector", "components", "--bogus"),
        List.of("vector", "--verbose", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4"),
        List.of("vector", "merge", "--help"),
        List.of("vector", "--help", "resolve"),
        List.of("vector", "resolve"),
        List.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4"),
        List.of("--verbose", "vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4", "-o", "json"),
        List.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.3x"),
        List.of("vector", "resolve", "--vector", "no-such.yaml"),
        List.of("--verbose", "vector", "resolve", "--vector", "no-such.yaml"),
        List.of("vector", "resolve", "--vectr", VECTOR),
        List.of("vector", "resolve", "--vector", VECTOR, "-o", "xml"),
        List.of("vector", "validate", VECTOR),
        List.of("vector", "resolve", "--vector", VECTOR, "image"),
        List.of("image", "normalize", "nginx", "-o", "JSON"),
        List.of("image", "rewrite", "--help"),
        List.of("image", "rewrit", "nginx"),
        List.of("image", "normalize", "--help"),
        List.of("rules", "validate", "--help"),
        List.of("rules", "validate"),
        List.of("imagemap", "generate", "--help"),
        List.of("imagemap", "generat"),
        List.of("rewrite", "--help"),
        List.of("rewrite"),
        List.of("rules", "--help"),
        List.of("mirrors"),
        List.of("mirrors", "containerd"),
        List.of("mirrors", "crio", "--help"),
        List.of("mirrors", "--bogus"),
        List.of("mirror", "--vectr", "images.yaml", "--to", "127.0.0.1:1/mirror"),
        List.of("verify", "--help"),
        List.of("relocate", "--help"),
        List.of("serve", "--help"),
        List.of("imagemap", "--help"),
        List.of("audit", "--help"),
        List.of("completion"),
        List.of("completion", "fish"),
        List.of("completion", "bash"));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void theTreeBuiltForACommandLineRunsItAsTheWholeTreeDoes(List<String> args) {
    String[] argv = args.toArray(String[]::new);
    assertThat(withoutCaller(CliRun.of(argv))).isEqualTo(withoutCaller(CliRun.onFullTree(argv)));
  }

  /** {@code run} but for the frame of the CliRun method that ran it, in a --verbose stack trace. */
  private static CliRun withoutCaller(CliRun run) {
    return new CliRun(run.exitCode(), run.out(),
        run.err().replaceAll("\tat dev\\.relocator\\.cli\\.CliRun\\.(of|onFullTree)\\(CliRun\\.java:\\d+\\)", "\tat CliRun"));
  }

  static Stream<Arguments> builtCommands() {
    return Stream.of(
        Arguments.of(List.of("vector", "resolve", "--vector", VECTOR), "vector", List.of("resolve")),
        Arguments.of(List.of("--verbose", "vector", "--verbose", "merge", "--help"), "vector", List.of("merge")),
        Arguments.of(List.of("vector", "resolve", "merge"), "vector", List.of("resolve")),
        // A group named with no command of its own after it: its usage or did-you-mean lists them all.
        Arguments.of(List.of("vector"), "vector", VECTOR_COMMANDS),
        Arguments.of(List.of("vector", "resolv"), "vector", VECTOR_COMMANDS),
        Arguments.of(List.of("vector", "--help", "resolve"), "vector", VECTOR_COMMANDS),
        Arguments.of(List.of("vector", "--", "resolve"), "vector", VECTOR_COMMANDS),
        Arguments.of(List.of("image", "normalize", "nginx"), "image", List.of("normalize")),
        Arguments.of(List.of("mirrors", "crio"), "mirrors", List.of("crio")),
        Arguments.of(List.of("rewrite", "--help"), "rewrite", List.of()),
        Arguments.of(List.of("completion", "bash"), "completion", List.of()));
  }

  @ParameterizedTest
  @MethodSource("builtCommands")
  void aCommandLineNamingACommandGetsThatCommandAloneAtEachLevel(List<String> args, String command, List<String> below) {
    CommandLine root = Main.newCommandLine(args.toArray(String[]::new));
    assertThat(root.getSubcommands().keySet()).containsExactly(command);
    assertThat(root.getSubcommands().get(command).getSubcommands().keySet()).containsExactlyElementsOf(below);
  }

  @ParameterizedTest
  @MethodSource("versionAlone")
  void versionAloneGetsTheRootAlone(List<String> args) {
    assertThat(Main.newCommandLine(args.toArray(String[]::new)).getSubcommands()).isEmpty();
  }

  static Stream<List<String>> versionAlone() {
    return Stream.of(List.of("--version"), List.of("-V"), List.of("--verbose", "--version"));
  }

  static Stream<List<String>> commandLinesNamingNoCommand() {
    return commandLines()
        .filter(args -> CommandTree.invoked(args.toArray(String[]::new)) == null)
        .filter(args -> versionAlone().noneMatch(args::equals));
  }

  @ParameterizedTest
  @MethodSource("commandLinesNamingNoCommand")
  void commandLinesNamingNoCommandGetTheWholeTree(List<String> args) {
    assertThat(args).isNotEqualTo(List.of("vector"));
    CommandLine root = Main.newCommandLine(args.toArray(String[]::new));
    assertThat(root.getSubcommands()).hasSameSizeAs(CommandTree.COMMANDS);
    assertThat(root.getSubcommands().get("vector").getSubcommands().keySet()).containsExactlyElementsOf(VECTOR_COMMANDS);
  }

  @Test
  void verboseBeforeTheCommandStillReachesItsErrorReport() {
    CliRun run = CliRun.of("--verbose", "vector", "resolve", "--vector", "no-such.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: cannot read no-such.yaml").contains("\tat dev.relocator.");
  }

  @Test
  void onlyVerboseMaySkipAheadToTheCommandName() {
    assertThat(CommandTree.invoked("--verbose", "--verbose", "vector")).extracting(CommandTree.Entry::name).isEqualTo("vector");
    assertThat(CommandTree.invoked("--help", "vector")).isNull();
    assertThat(CommandTree.invoked("--", "vector")).isNull();
    assertThat(CommandTree.invoked("@args.txt")).isNull();
    assertThat(CommandTree.invoked("--verbose")).isNull();
    assertThat(CommandTree.invoked()).isNull();
  }
}
