package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout whose image is named by a tag alone (as Relocator's own image layout and most tools name
 * them): copied to the {@code --to} repository under that tag, and refused where it has no place.
 */
class MirrorTaggedLayoutTest {
  private static final Path TRAINING = Path.of("..", "examples", "training-layout");

  @TempDir Path dir;
  private Path layout;

  @BeforeEach
  void layoutNamedByATag() throws IOException {
    layout = dir.resolve("tagged");
    try (Stream<Path> files = Files.walk(TRAINING)) {
      for (Path file : files.toList()) {
        Path copy = layout.resolve(TRAINING.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replace("\"relocator/training:1\"", "\"1.0-RC\""));
  }

  @Test
  void layoutDestinationKeepsTheTag() throws IOException {
    Path copy = dir.resolve("copy");
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout, "--to", "oci:" + copy);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 copied, 0 already present of 1 image; ");
    assertThat(Files.readString(copy.resolve("index.json"))).contains("\"org.opencontainers.image.ref.name\":\"1.0-RC\"");
  }

  @Test
  void registryWithoutARepositoryHasNoPlaceForIt() {
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout, "--to", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: oci:" + layout + ": image \"1.0-RC\" is named by a tag alone, so it"
        + " has no path to keep: copy it with --to REGISTRY/REPOSITORY (its repository) and without --rules");
  }

  @Test
  void rulesCannotRelocateIt() {
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout, "--rules", "../examples/rules.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("image \"1.0-RC\" is named by a tag alone");
  }

  @Test
  void aRefSelectsTheImageOfThatName() throws IOException {
    Path copy = dir.resolve("copy");
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout + ":1.0-RC", "--to", "oci:" + copy);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 copied, 0 already present of 1 image; ");
    assertThat(Files.readString(copy.resolve("index.json"))).contains("\"org.opencontainers.image.ref.name\":\"1.0-RC\"");
  }

  @Test
  void aRefTheLayoutDoesNotNameIsAProblemListingTheNamesThereAre() {
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout + ":1.0", "--to", "oci:" + dir.resolve("copy"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: OCI layout " + layout + ": no image named \"1.0\" in index.json"
        + " (org.opencontainers.image.ref.name): it names 1.0-RC\n");
    assertThat(dir.resolve("copy")).doesNotExist();
  }

  @Test
  void anEmptyRefIsACommandLineMistake() {
    CliRun run = CliRun.of("mirror", "--from", "oci:" + layout + ":", "--to", "oci:" + dir.resolve("copy"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("empty REF after");
  }
}
