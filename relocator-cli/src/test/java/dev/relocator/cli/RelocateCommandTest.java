package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relocator relocate -f} on the README's example (a vector whose images are in a bundled OCI
 * layout, into an {@code oci-archive:} target): no registry is needed, so every step runs here.
 */
class RelocateCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String AGENT_INDEX = "sha256:84a2fcb2f48926226ed84934eada346c5f23cc33c17a273ade1a162ff7e462d0";
  private static final String PAUSE = "sha256:e8696bccf3ecc4d28c3ce5581c2bbbdfd78eb2932c58ef3ac3b11efc3576df99";

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void copyTheExample() throws IOException {
    file = dir.resolve("relocation.yaml");
    Files.copy(EXAMPLES.resolve("relocation.yaml"), file);
    try (Stream<Path> walk = Files.walk(EXAMPLES.resolve("platform"))) {
      for (Path from : walk.toList()) {
        Path to = dir.resolve(EXAMPLES.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  private Map<String, byte[]> outputs() throws IOException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("out"))) {
      for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
        bytes.put(dir.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    return bytes;
  }

  @Test
  void theExampleRelocatesIntoAnArchiveWritesEveryOutputAndSaysWhereEachWent() throws IOException {
    CliRun run = CliRun.of("relocate", "-f", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path out = dir.resolve("out");
    assertThat(run.out()).isEqualTo("2 copied, 0 already present of 2 images; 592 B written, 0 blobs already present\n"
        + "wrote lock " + out.resolve("lock.yaml") + "\n"
        + "wrote overwrite " + out.resolve("images-overwrite.yaml") + "\n"
        + "wrote imageMaps " + out.resolve("imagemaps.yaml") + "\n"
        + "wrote containerd " + out.resolve("certs.d") + " (1 file)\n"
        + "wrote crio " + out.resolve("registries.conf") + "\n");
    assertThat(out.resolve("platform.tar")).isRegularFile();
    assertThat(Files.readString(out.resolve("lock.yaml")))
        .contains("target: oci-archive:" + out.resolve("platform.tar") + ":upstream.example/platform/agent:1.0@"
            + AGENT_INDEX);
    assertThat(Files.readString(out.resolve("images-overwrite.yaml")))
        .contains("repository: registry.internal:5000/mirror/platform/agent\n  tag: 1.0@" + AGENT_INDEX);
    assertThat(Files.readString(out.resolve("imagemaps.yaml"))).contains("kind: ImageMap", "namespace: platform",
        "- from: upstream.example/platform/pause:3.10\n    to: registry.internal:5000/mirror/platform/pause:3.10@"
            + PAUSE);
    assertThat(Files.readString(out.resolve("certs.d/upstream.example/hosts.toml")))
        .contains("[host.\"https://registry.internal:5000/v2/mirror\"]");
    assertThat(Files.readString(out.resolve("registries.conf"))).contains("prefix = \"upstream.example\"");
  }

  @Test
  void aSecondRunCopiesNothingAndWritesIdenticalBytes() throws IOException {
    assertThat(CliRun.of("relocate", "-f", file.toString()).exitCode()).isZero();
    Map<String, byte[]> first = outputs();
    CliRun again = CliRun.of("relocate", "-f", file.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("0 copied, 2 already present of 2 images; 0 B written, ");
    Map<String, byte[]> second = outputs();
    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void checkPassesAtTheLockedDigestsAndNamesWhatIsMissingOrDrifted() throws IOException {
    assertThat(CliRun.of("relocate", "-f", file.toString()).exitCode()).isZero();
    Map<String, byte[]> written = outputs();
    CliRun ok = CliRun.of("relocate", "-f", file.toString(), "--check");
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).endsWith("checked 2 images against " + dir.resolve("out/lock.yaml")
        + ": all present at their locked digests\n");

    // The lock pins another digest than the archive holds: drifted; the archive gone: missing.
    Path lock = dir.resolve("out/lock.yaml");
    Files.writeString(lock, Files.readString(lock).replace("pause:3.10@" + PAUSE, "pause:3.10@sha256:" + "0".repeat(64)));
    CliRun drifted = CliRun.of("relocate", "-f", file.toString(), "--check");
    assertThat(drifted.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(drifted.out()).contains("drifted oci:" + dir.resolve("platform/bundle") + ":upstream.example/platform/pause:3.10"
        + " -> oci-archive:" + dir.resolve("out/platform.tar") + ":upstream.example/platform/pause:3.10  locked sha256:"
        + "0".repeat(64) + "  holds " + PAUSE);
    Files.delete(dir.resolve("out/platform.tar"));
    CliRun missing = CliRun.of("relocate", "-f", file.toString(), "--check", "-o", "json");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
    JsonNode json = new ObjectMapper().readTree(missing.out());
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(json.path("images")).extracting(i -> i.path("status").asText()).containsExactly("missing", "missing");
    assertThat(json.path("images").get(0).path("target").asText()).endsWith("platform.tar:upstream.example/platform/agent:1.0");

    written.remove("out/platform.tar");
    written.remove("out/lock.yaml");
    written.forEach((name, bytes) -> assertThat(dir.resolve(name)).as("check writes nothing").hasBinaryContent(bytes));
  }

  @Test
  void dryRunPrintsThePlanAndTheOutputsAndWritesNothing() throws IOException {
    CliRun text = CliRun.of("relocate", "-f", file.toString(), "--dry-run");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains(":upstream.example/platform/agent:1.0  " + AGENT_INDEX + "  1.8 KiB  [linux/amd64, linux/arm64]")
        .contains("plan: 2 images, 2.5 KiB\n")
        .contains("would write lock " + dir.resolve("out/lock.yaml") + "\n")
        .endsWith("would write crio " + dir.resolve("out/registries.conf") + "\n");
    CliRun json = CliRun.of("relocate", "-f", file.toString(), "--dry-run", "-o", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode plan = new ObjectMapper().readTree(json.out());
    assertThat(plan.path("images")).hasSize(2);
    assertThat(plan.path("images").get(1).path("digest").asText()).isEqualTo(PAUSE);
    assertThat(plan.path("images").get(1).path("platforms")).extracting(JsonNode::asText).containsExactly("linux/amd64");
    assertThat(plan.path("outputs").path("imageMaps").asText()).isEqualTo(dir.resolve("out/imagemaps.yaml").toString());
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aSourceCopiedToTwoPathsThatCannotBeReadIsCountedOnce() throws IOException {
    // CoreDNS goes to both of its paths, so one unreadable source is planned, and fails, twice.
    Path bundle = dir.resolve("platform/bundle");
    Path index = bundle.resolve("index.json");
    Files.writeString(index, Files.readString(index).replace("]}", ",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":400,\"annotations\":{\"org.opencontainers.image.ref.name\":"
        + "\"upstream.example/coredns/coredns:v1.11.1\"}}]}"));
    Files.writeString(file, """
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {bundle: oci:platform/bundle}
        target: registry.internal:5000/mirror
        """);
    CliRun run = CliRun.of("relocate", "-f", file.toString(), "--dry-run");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).contains("-> registry.internal:5000/mirror/coredns/coredns:v1.11.1  cannot read source: ")
        .contains("-> registry.internal:5000/mirror/coredns:v1.11.1  cannot read source: ")
        .contains("plan: 4 images, 2.5 KiB, 1 source unreadable\n");
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeAnythingIsCopied() throws IOException {
    String example = Files.readString(file);
    Files.writeString(dir.resolve("blocked"), "a file, where the lock's directory should be\n");
    Files.writeString(file, example.replace("lock: out/lock.yaml", "lock: blocked/lock.yaml"));
    CliRun lock = CliRun.of("relocate", "-f", file.toString());
    assertThat(lock.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(lock.err()).isEqualTo("relocator: " + file + ": outputs.lock: cannot write " + dir.resolve("blocked/lock.yaml")
        + ": " + dir.resolve("blocked") + " is not a directory\n");
    assertThat(dir.resolve("out")).doesNotExist();
    // A dry run writes nothing, so it still shows its plan.
    CliRun plan = CliRun.of("relocate", "-f", file.toString(), "--dry-run");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("would write lock " + dir.resolve("blocked/lock.yaml") + "\n");

    Files.writeString(file, example);
    Files.createDirectories(dir.resolve("out/registries.conf"));
    CliRun crio = CliRun.of("relocate", "-f", file.toString());
    assertThat(crio.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(crio.err()).isEqualTo("relocator: " + file + ": outputs.crio: cannot write " + dir.resolve("out/registries.conf")
        + ": it is a directory\n");
    assertThat(dir.resolve("out/platform.tar")).doesNotExist();
    assertThat(dir.resolve("out/platform.tar.partial")).doesNotExist();
  }

  @Test
  void jsonSummaryAndTargetOverride() throws IOException {
    Path layout = dir.resolve("other-layout");
    CliRun run = CliRun.of("relocate", "-f", file.toString(), "--target", "oci:" + layout, "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("copied").asInt()).isEqualTo(2);
    assertThat(json.path("failed")).isEmpty();
    assertThat(json.path("outputs").path("lock").asText()).isEqualTo(dir.resolve("out/lock.yaml").toString());
    assertThat(layout.resolve("index.json")).isRegularFile();
    assertThat(Files.readString(dir.resolve("out/lock.yaml"))).contains("target: oci:" + layout + ":");
  }

  @Test
  void imagesListsManifestsAndTheVectorAddUpAndTheBundleServesThemAll() throws IOException {
    Files.writeString(dir.resolve("images.txt"), "upstream.example/platform/agent:1.0\n# the pause image again\n"
        + "upstream.example/platform/pause:3.10\n");
    Files.writeString(dir.resolve("pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata: {name: agent}
        spec:
          containers:
          - {name: agent, image: upstream.example/platform/agent:1.0}
        """);
    Files.writeString(file, Files.readString(file).replace("  bundle: oci:platform/bundle",
        "  images: [images.txt]\n  manifests: [pod.yaml]\n  bundle: oci:platform/bundle"));
    CliRun run = CliRun.of("relocate", "-f", file.toString(), "--dry-run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("plan: 2 images, 2.5 KiB\n");

    Files.writeString(dir.resolve("images.txt"), "upstream.example/platform/other:2.0\n", java.nio.file.StandardOpenOption.APPEND);
    CliRun lacking = CliRun.of("relocate", "-f", file.toString());
    assertThat(lacking.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(lacking.err()).contains("relocator: sources.bundle oci:" + dir.resolve("platform/bundle")
        + " lacks 1 of the 3 images the other sources name: upstream.example/platform/other:2.0");
  }

  @Test
  void sourcesThatNameNoImageAreAProblem() throws IOException {
    Files.writeString(dir.resolve("images.txt"), "# none yet\n");
    Files.writeString(file, """
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {images: [images.txt]}
        target: oci:out/layout
        """);
    CliRun run = CliRun.of("relocate", "-f", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: " + file + ": nothing to relocate: the sources name no image\n");
  }

  @Test
  void everyMistakeInTheFileIsReportedAtOnceWithFileLineAndKeyPath() throws IOException {
    Files.writeString(file, """
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          vector:
            file: platform/images.yaml
            architectures: [amd64, "linux/"]
          bundel: oci:platform/bundle
        target: "Registry.internal:5000/UPPER"
        registries:
          endpoints: {docker.io: "ftp://mirror"}
        outputs:
          imageMaps: {file: out/maps.yaml, namespace: Not_A_Namespace}
        """);
    CliRun run = CliRun.of("relocate", "-f", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    List<String> lines = run.err().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith(file + ":6: sources.vector.architectures[1]: ");
    assertThat(lines.get(1)).isEqualTo(file + ":7: sources.bundel: unknown key (did you mean \"bundle\"?); sources holds"
        + " vector, images, manifests, bundle");
    assertThat(lines.get(2)).startsWith(file + ":8: target: ");
    assertThat(lines.get(3)).startsWith(file + ":10: registries.endpoints.docker.io: ").contains("ftp://mirror");
    assertThat(lines.get(4)).startsWith(file + ":12: outputs.imageMaps.namespace: ").contains("Not_A_Namespace");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void imageMapsWithNeitherNamespaceNorClusterIsTheReadersFindingNotACrash() throws IOException {
    Files.writeString(file, """
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          images: [images.txt]
        target: oci:out/layout
        outputs:
          imageMaps: {file: out/maps.yaml}
        """);
    Files.writeString(dir.resolve("images.txt"), "127.0.0.1:9/demo/app:1.0\n");
    CliRun run = CliRun.of("relocate", "-f", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("outputs.imageMaps: needs namespace (an ImageMap) or cluster (a ClusterImageMap)")
        .doesNotContain("internal error");
  }

  @Test
  void anUnknownReferrersModeIsReportedAtItsLine() throws IOException {
    Files.writeString(file, """
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {images: [images.txt]}
        target: 127.0.0.1:5000/mirror
        referrers: some
        """);
    CliRun run = CliRun.of("relocate", "-f", file.toString(), "--check");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains(file + ":5: referrers: invalid referrers mode \"some\": expected all, signatures or none");
  }

  @Test
  void explainListsEveryKeyAndCommandLineMistakesExitTwo() {
    CliRun explain = CliRun.of("relocate", "--explain");
    assertThat(explain.exitCode()).isZero();
    assertThat(explain.out().lines()).hasSize(27).anySatisfy(l -> assertThat(l).startsWith("outputs.crio "))
        .anySatisfy(l -> assertThat(l).startsWith("referrers "));
    assertThat(CliRun.of("relocate").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun both = CliRun.of("relocate", "-f", file.toString(), "--dry-run", "--check");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("--dry-run and --check exclude each other");
    CliRun target = CliRun.of("relocate", "-f", file.toString(), "--target", "oci:");
    assertThat(target.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(target.err()).contains("--target: invalid destination \"oci:\"");
  }
}
