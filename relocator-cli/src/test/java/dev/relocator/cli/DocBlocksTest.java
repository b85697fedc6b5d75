package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How DocsIT reads a page's blocks and marks, and compares output; the pages themselves run in DocsIT. */
class DocBlocksTest {
  private static final String PAGE = """
      # A page
      <!-- registry: registry.internal:5000 with the test images -->
      <!-- registry: other.example:5000 -->

      <!-- file: rules.yaml -->
      ```yaml
      rules: []
      ```

      <!-- exit: 1 -->
      ```console
      $ ./relocator rules validate rules.yaml \\
          --strict
      rules.yaml: invalid
      $ echo done
      ```

      - a list item:

        <!-- not run: needs a cluster -->
        ```bash
        kubectl apply -k .
        ```

      ```bash
      cd examples
      ```
      <!-- output -->
      ```text
      nothing
      ```
      """;

  @Test
  void readsBlocksTheirMarksAndThePagesRegistries() {
    DocBlocks page = DocBlocks.parse("p.md", PAGE);

    assertThat(page.problems()).isEmpty();
    assertThat(page.registries()).containsExactly(new DocBlocks.Registry("registry.internal:5000", true),
        new DocBlocks.Registry("other.example:5000", false));
    assertThat(page.blocks()).extracting(DocBlocks.Block::line, DocBlocks.Block::language, DocBlocks.Block::mark,
        DocBlocks.Block::argument).containsExactly(
            org.assertj.core.groups.Tuple.tuple(6, "yaml", "file", "rules.yaml"),
            org.assertj.core.groups.Tuple.tuple(11, "console", "exit", "1"),
            org.assertj.core.groups.Tuple.tuple(21, "bash", "not run", "needs a cluster"),
            org.assertj.core.groups.Tuple.tuple(25, "bash", "", ""),
            org.assertj.core.groups.Tuple.tuple(29, "text", "output", ""));
    assertThat(page.blocks().get(2).text()).isEqualTo("kubectl apply -k .\n");
    assertThat(page.blocks()).extracting(DocBlocks.Block::runs).containsExactly(false, true, false, true, false);
    assertThat(page.shownBy(page.blocks().get(4))).contains(page.blocks().get(3));
  }

  @Test
  void splitsAConsoleBlockIntoCommandsWithTheirContinuationsAndOutput() {
    List<DocBlocks.Command> commands = DocBlocks.parse("p.md", PAGE).blocks().get(1).commands();

    assertThat(commands).containsExactly(
        new DocBlocks.Command("./relocator rules validate rules.yaml \\\n    --strict", "rules.yaml: invalid\n"),
        new DocBlocks.Command("echo done", ""));
  }

  @Test
  void reportsAFenceWithoutLanguageAMarkWithoutReasonAndAnUnmarkedZshBlock() {
    DocBlocks page = DocBlocks.parse("p.md", """
        ```
        relocator --version
        ```
        <!-- not run: -->
        ```bash
        helm install
        ```
        ```zsh
        source <(relocator completion zsh)
        ```
        <!-- skip -->
        ```bash
        true
        ```
        """);

    assertThat(page.problems()).hasSize(4).satisfiesExactly(
        p -> assertThat(p).startsWith("p.md:1: a fence without a language"),
        p -> assertThat(p).isEqualTo("p.md:5: <!-- not run: --> needs a reason"),
        p -> assertThat(p).startsWith("p.md:8: a zsh block cannot run"),
        p -> assertThat(p).startsWith("p.md:12: unknown mark <!-- skip -->"));
  }

  @Test
  void outputMatchesExactlyButForMarkedElisionsAndWhatVaries() {
    String printed = DocOutput.normalise("""
        2026-12-07T15:00:00Z INFO started
        copied 127.0.0.1:41234/demo/single:1.0@sha256:abcdef   \r
        one
        two
        wrote lock /tmp/work/out/lock.yaml

        """, Map.of("127.0.0.1:41234", "registry.internal:5000", "/tmp/work/", ""));

    assertThat(DocOutput.matches("""
        ... INFO started
        copied registry.internal:5000/demo/single:1.0@sha256:…
        ...
        wrote lock out/lock.yaml
        """, printed)).isTrue();
    assertThat(DocOutput.matches("""
        ...
        wrote lock out/lock.yaml
        """, printed)).isTrue();
    assertThat(DocOutput.matches("""
        ... INFO started
        copied registry.internal:5000/demo/single:1.0@sha256:…
        wrote lock out/lock.yaml
        """, printed)).as("dropped lines must be marked").isFalse();
    assertThat(DocOutput.matches("""
        ... INFO started
        ...
        wrote lock out/lock.yaml
        extra
        """, printed)).isFalse();
    assertThat(DocOutput.matches("", "")).isTrue();
    assertThat(DocOutput.matches("", "something")).isFalse();
  }
}
