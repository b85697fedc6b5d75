package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relocator rules validate}: errors and warnings of a rules file in one run, as docs/rules.md shows. */
class RulesValidateCommandTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path dir;

  @Test
  void reportsErrorsAndWarningsTogetherAsTheDocsShow() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
        - overwriteRegistry: 127.0.0.1:5000
          include: ["docker.io/**"]
        - overwriteRegistry: 127.0.0.1:5000
        - prefix: docker.io/Library
          to: r.example:5000/lib
        - prefix: quay.io
        - prefix: ghcr.io
          to: r.example:5000/ghcr
        """);

    CliRun run = CliRun.of("rules", "validate", rules.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).isEqualTo(
        rules + ":5: rules[2].prefix: \"docker.io/Library\" is not a registry location: repository name must be lowercase" + NL
            + rules + ":7: rules[3].to: missing" + NL
            + rules + ":8: rules[4]: warning: can never match: rules[1] (overwriteRegistry 127.0.0.1:5000) comes first"
            + " and matches every image this rule would match" + NL
            + rules + ": invalid, 2 errors, 1 warning" + NL);
  }

  @Test
  void aValidFileWithAWarningIsValidUnlessStrict() throws Exception {
    Path rules = Files.writeString(dir.resolve("r.yaml"),
        "rules:\n- prefix: docker.io\n  to: r.example:5000/hub\n- prefix: docker.io\n  to: r.example:5000/other\n");

    CliRun lenient = CliRun.of("rules", "validate", rules.toString());
    CliRun strict = CliRun.of("rules", "validate", "--strict", rules.toString());

    assertThat(lenient.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(lenient.out()).endsWith(rules + ": valid, 1 warning" + NL);
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(strict.out()).endsWith(rules + ": invalid, 1 error" + NL);
  }

  @Test
  void aVectorIsNamedAsWhatItIsAndAMissingFileDoesNotHideTheOthers() throws Exception {
    Path vector = Files.writeString(dir.resolve("images.yaml"), "images:\n- name: a\n  repository: r.io/a\n");
    Path missing = dir.resolve("missing.yaml");

    CliRun run = CliRun.of("rules", "validate", missing.toString(), vector.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: cannot read " + missing + ": no such file" + NL);
    assertThat(run.out()).isEqualTo(vector + ":1: this is an image vector (\"images:\"), not a rules file, which has a"
        + " \"rules\" list (or a KubeOne cluster file)" + NL + vector + ": invalid, 1 error" + NL);
  }
}
