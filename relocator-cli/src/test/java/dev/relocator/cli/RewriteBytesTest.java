package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relocator rewrite changes image scalars only, down to the last byte of the input. */
class RewriteBytesTest {
  private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - image: nginx:1";
  private static final String RELOCATED = POD.replace("nginx:1", "127.0.0.1:5000/library/nginx:1");

  @TempDir Path dir;
  private Path rules;

  @BeforeEach
  void rules() throws IOException {
    rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
  }

  @Test
  void aFileWithoutFinalNewlineGetsNoneAdded() throws IOException {
    Path pod = Files.writeString(dir.resolve("pod.yaml"), POD);
    CliRun run = CliRun.of("rewrite", "--rules", rules.toString(), pod.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(RELOCATED);
  }

  @Test
  void joinedFilesStillStartEachDocumentOnItsOwnLine() throws IOException {
    Path a = Files.writeString(dir.resolve("a.yaml"), POD);
    Path b = Files.writeString(dir.resolve("b.yaml"), POD + "\n");
    CliRun run = CliRun.of("rewrite", "--rules", rules.toString(), a.toString(), b.toString());
    assertThat(run.out()).isEqualTo(RELOCATED + "\n---\n" + RELOCATED + "\n");
  }
}
