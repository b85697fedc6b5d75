package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files a command cannot read or write are named in one line on stderr, with the reason. */
class FileErrorsTest {
  @TempDir Path dir;
  private Path vector;
  private Path rules;
  private Path deployment;
  private Path components;

  @BeforeEach
  void files() throws IOException {
    vector = Files.writeString(dir.resolve("images.yaml"), "images:\n- name: a\n  repository: registry.example/a\n  tag: \"1\"\n");
    rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
    deployment = Files.writeString(dir.resolve("d.yaml"), "kind: Deployment\nmetadata: {name: d}\n");
    components = Files.writeString(dir.resolve("c.yaml"),
        "components:\n- name: d\n  imageVectorOverwrite: |\n    images: []\n");
  }

  /** Every command form that reads a user file, with {@code BAD} where the file goes. */
  private List<String[]> readers() {
    return List.of(
        new String[] {"vector", "validate", "BAD"},
        new String[] {"vector", "merge", "BAD", vector.toString()},
        new String[] {"vector", "merge", vector.toString(), "BAD"},
        new String[] {"vector", "resolve", "--vector", "BAD"},
        new String[] {"vector", "resolve", "--vector", vector.toString(), "--overwrite", "BAD"},
        new String[] {"vector", "components", "--components", "BAD", "--component", "d", "--deployment", deployment.toString()},
        new String[] {"vector", "components", "--components", components.toString(), "--component", "d", "--deployment", "BAD"},
        new String[] {"vector", "relocate", "--vector", "BAD", "--rules", rules.toString()},
        new String[] {"vector", "relocate", "--vector", vector.toString(), "--rules", "BAD"},
        new String[] {"image", "rewrite", "--rules", "BAD", "nginx"},
        new String[] {"rewrite", "--rules", "BAD", deployment.toString()},
        new String[] {"rewrite", "--rules", rules.toString(), "BAD"},
        new String[] {"mirrors", "crio", "--rules", "BAD"},
        new String[] {"mirrors", "containerd", "--rules", "BAD", "--out", dir.resolve("out").toString()});
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "directory"})
  void everyCommandNamesAFileItCannotRead(String what) throws IOException {
    Path bad = what.equals("binary")
        ? Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'})
        : Files.createDirectory(dir.resolve("adir"));
    String reason = what.equals("binary") ? "not UTF-8 text" : "it is a directory, not a file";
    List<String> wrong = new ArrayList<>();
    for (String[] form : readers()) {
      String[] args = form.clone();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("BAD")) {
          args[i] = bad.toString();
        }
      }
      CliRun run = CliRun.of(args);
      String expected = "relocator: cannot read " + bad + ": " + reason + System.lineSeparator();
      if (run.exitCode() != ExitCodes.FAILURE || !run.err().endsWith(expected) || run.err().contains("\tat ")) {
        wrong.add(String.join(" ", form) + " -> " + run.exitCode() + ": " + run.err());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void validateReportsEveryFileEvenAfterOneIsMissing() {
    Path missing = dir.resolve("missing.yaml");
    CliRun run = CliRun.of("vector", "validate", missing.toString(), vector.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: cannot read " + missing + ": no such file" + System.lineSeparator());
    assertThat(run.out()).isEqualTo(vector + ": valid" + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"merge", "relocate"})
  void anOutputInAMissingDirectoryIsACannotWrite(String command) {
    Path out = dir.resolve("no/such/out.yaml");
    String[] args = command.equals("merge")
        ? new String[] {"vector", "merge", vector.toString(), vector.toString(), "-o", out.toString()}
        : new String[] {"vector", "relocate", "--vector", vector.toString(), "--rules", rules.toString(), "-o", out.toString()};
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).endsWith("relocator: cannot write " + out + ": no such directory "
        + out.toAbsolutePath().getParent() + System.lineSeparator());
  }
}
