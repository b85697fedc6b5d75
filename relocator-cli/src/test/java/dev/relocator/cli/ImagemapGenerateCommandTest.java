package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.imagemap.MapId;
import dev.relocator.imagemap.MapState;
import dev.relocator.imagemap.Mapping;
import dev.relocator.imagemap.Reconciler.RejectedUpdate;
import dev.relocator.imagemap.controller.DirectoryMapSource;
import dev.relocator.mirror.LockFile;
import dev.relocator.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagemapGenerateCommandTest {
  private static final Digest NGINX = Digest.sha256("nginx".getBytes());
  private static final Digest PAUSE = Digest.sha256("pause".getBytes());

  @TempDir Path dir;

  /** A lock as {@code mirror --lock} writes it: targets carry the digest stored there. */
  private Path lock() {
    Path lock = dir.resolve("lock.yaml");
    new LockFile(List.of(
        new LockFile.Entry("docker.io/library/nginx:1.27", NGINX, "127.0.0.1:5000/mirror/library/nginx:1.27@" + NGINX,
            List.of(Platform.parse("linux/amd64"))),
        new LockFile.Entry("registry.k8s.io/pause:3.9", PAUSE, "127.0.0.1:5000/mirror/pause:3.9@" + PAUSE, List.of())))
        .write(lock);
    return lock;
  }

  @Test
  void fromALockEveryImageGoesToItsCopyPinnedToTheCopiedDigestAndTheMapIsAccepted() throws Exception {
    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock().toString(), "--namespace", "platform");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        # Written by relocator imagemap generate from %s.
        apiVersion: relocator.dev/v1alpha1
        kind: ImageMap
        metadata:
          name: relocator
          namespace: platform
        spec:
          map:
          - from: docker.io/library/nginx:1.27
            to: 127.0.0.1:5000/mirror/library/nginx:1.27@%s
          - from: registry.k8s.io/pause:3.9
            to: 127.0.0.1:5000/mirror/pause:3.9@%s
        """.formatted(dir.resolve("lock.yaml"), NGINX, PAUSE));

    MapState map = acceptedByServeMaps(run.out(), MapId.namespaced("platform", "relocator"));
    assertThat(map.status().inForce().entries()).containsExactly(
        mapping("nginx:1.27", "127.0.0.1:5000/mirror/library/nginx:1.27@" + NGINX),
        mapping("registry.k8s.io/pause:3.9", "127.0.0.1:5000/mirror/pause:3.9@" + PAUSE));
  }

  @Test
  void anImageCopiedOutOfALayoutIsMappedFromTheNameTheLayoutGaveIt() throws Exception {
    // What mirror --from oci:DIR --lock writes for a bundle: the source is the layout's name.
    Path lock = dir.resolve("bundle-lock.yaml");
    new LockFile(List.of(new LockFile.Entry("oci:bundle:docker.io/library/nginx:1.27", NGINX,
        "127.0.0.1:5000/mirror/library/nginx:1.27@" + NGINX, List.of()))).write(lock);

    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock.toString(), "--namespace", "platform");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("- from: docker.io/library/nginx:1.27\n"
        + "    to: 127.0.0.1:5000/mirror/library/nginx:1.27@" + NGINX);
  }

  @Test
  void anImageTheLayoutNamedByATagAloneCannotBeMapped() throws Exception {
    Path lock = dir.resolve("tag-lock.yaml");
    new LockFile(List.of(new LockFile.Entry("oci:app:1.0", NGINX, "127.0.0.1:5000/team/app:1.0@" + NGINX, List.of())))
        .write(lock);

    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock.toString(), "--namespace", "platform");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(lock + ": images[0]: source oci:app:1.0 is named by the tag \"1.0\" alone,"
        + " so no pod names it");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aClusterImageMapIsWrittenToTheOutputFile() throws Exception {
    Path out = dir.resolve("maps/platform.yaml");
    Files.createDirectories(out.getParent());
    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock().toString(), "--cluster", "platform", "-o", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("wrote " + out + System.lineSeparator());
    assertThat(out).content().contains("kind: ClusterImageMap\nmetadata:\n  name: platform\nspec:\n");

    MapState map = acceptedByServeMaps(Files.readString(out), MapId.cluster("platform"));
    assertThat(map.status().inForce().entries()).hasSize(2);
  }

  @Test
  void fromTheBundledVectorAndRulesEveryRelocatedImageIsMappedAndAccepted() throws Exception {
    CliRun run = CliRun.of("imagemap", "generate", "--vector", "../examples/images.yaml",
        "--rules", "../examples/rules.yaml", "--target-version", "1.31.4", "--namespace", "platform");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  - from: upstream.example/kubernetes/kube-apiserver:v1.31.4\n"
        + "    to: 127.0.0.1:5000/example/kubernetes/kube-apiserver:v1.31.4\n");

    MapState map = acceptedByServeMaps(run.out(), MapId.namespaced("platform", "relocator"));
    assertThat(map.status().inForce().entries()).hasSizeGreaterThan(10)
        .allSatisfy(entry -> assertThat(entry.to().domain()).isEqualTo("127.0.0.1:5000"))
        .contains(mapping("upstream.example/kubernetes/kube-apiserver:v1.31.4",
            "127.0.0.1:5000/example/kubernetes/kube-apiserver:v1.31.4"));
  }

  @Test
  void anImageNoRuleRelocatesIsLeftOutWithAWarning() throws Exception {
    Path vector = Files.writeString(dir.resolve("images.yaml"), """
        images:
        - name: app
          repository: upstream.example/app
          tag: "1.0"
        - name: kept
          repository: kept.example/tool
          tag: "2.0"
        """);
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- prefix: upstream.example\n  to: 127.0.0.1:5000/up\n");
    CliRun run = CliRun.of("imagemap", "generate", "--vector", vector.toString(), "--rules", rules.toString(),
        "--cluster", "platform");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("relocator: warning: no rule relocates kept.example/tool:2.0: it is left out of the map"
        + System.lineSeparator());
    assertThat(run.out()).contains("- from: upstream.example/app:1.0\n    to: 127.0.0.1:5000/up/app:1.0\n")
        .doesNotContain("kept.example");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--lock,LOCK,--namespace,platform,--cluster,platform|mutually exclusive",
      "--lock,LOCK|Missing required argument (specify one of these): (--namespace=NS | --cluster=NAME)",
      "--namespace,platform|Missing required argument (specify one of these): (--lock=FILE | --vector=FILE)",
      "--lock,LOCK,--vector,LOCK,--namespace,platform|mutually exclusive",
      "--lock,MISSING,--namespace,platform|--lock MISSING: no such file (write one with relocator mirror --lock)",
      "--lock,LOCK,--namespace,Platform|--namespace: invalid namespace \"Platform\": expected at most 63 lowercase",
      "--lock,LOCK,--namespace,platform,--name,x_y|--name: invalid name \"x_y\"",
      "--lock,LOCK,--cluster,-platform|--cluster: invalid name \"-platform\"",
      "--lock,LOCK,--cluster,platform,--name,other|--name names an ImageMap",
      "--vector,LOCK,--namespace,platform|--vector needs --rules",
      "--lock,LOCK,--rules,LOCK,--namespace,platform|--rules, --overwrite and --target-version go with --vector"})
  void usageMistakesExitWithTwoSayingWhatIsWrong(String args, String message) {
    String lock = lock().toString();
    List<String> argv = new ArrayList<>(List.of("imagemap", "generate"));
    for (String arg : args.split(",")) {
      argv.add(arg.replace("MISSING", dir.resolve("missing.yaml").toString()).replace("LOCK", lock));
    }
    CliRun run = CliRun.of(argv.toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: ")
        .contains(message.replace("MISSING", dir.resolve("missing.yaml").toString()))
        .contains("Try 'relocator imagemap generate --help'");
    assertThat(run.out()).isEmpty();
  }

  // oci-archive: was let through as if it were a registry reference (only oci: was checked).
  @ParameterizedTest
  @ValueSource(strings = {"oci:", "oci-archive:"})
  void aLockOfACopyIntoAnOciLayoutCannotBeMapped(String transport) {
    Path lock = dir.resolve("layout-lock.yaml");
    new LockFile(List.of(new LockFile.Entry("registry.k8s.io/pause:3.9", PAUSE,
        transport + dir.resolve("layout") + ":registry.k8s.io/pause:3.9@" + PAUSE, List.of()))).write(lock);
    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock.toString(), "--cluster", "platform");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: " + lock + ": images[0]: target " + transport)
        .contains("is an OCI layout, which pods cannot pull from");
  }

  @Test
  void aFileThatIsNoLockIsAFailureNamingIt() throws Exception {
    Path notALock = Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
    CliRun run = CliRun.of("imagemap", "generate", "--lock", notALock.toString(), "--cluster", "platform");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("relocator: read lock file " + notALock + ": ");
  }

  @Test
  void anEmptyLockMapsNothingAndSaysSo() {
    Path lock = dir.resolve("empty.yaml");
    new LockFile(List.of()).write(lock);
    CliRun run = CliRun.of("imagemap", "generate", "--lock", lock.toString(), "--cluster", "platform");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: nothing to map: " + lock + " relocates no image" + System.lineSeparator());
  }

  /** The map's one state after {@code relocator serve --maps DIR} read {@code yaml}: Accepted. */
  private MapState acceptedByServeMaps(String yaml, MapId id) throws Exception {
    Path maps = Files.createDirectories(dir.resolve("served"));
    Files.writeString(maps.resolve("generated.yaml"), yaml);
    DirectoryMapSource source = new DirectoryMapSource(maps, RejectedUpdate.KEEP, Duration.ofMinutes(1), Clock.systemUTC());
    try {
      source.start();
      assertThat(source.problems()).isEmpty();
      assertThat(source.maps()).hasSize(1);
      MapState map = source.maps().get(0);
      assertThat(map.id()).isEqualTo(id);
      assertThat(map.status().ready().reason()).as(map.status().ready().message()).isEqualTo("Accepted");
      return map;
    } finally {
      source.close();
    }
  }

  private static Mapping mapping(String from, String to) {
    return new Mapping(ImageReference.parse(from), ImageReference.parse(to));
  }
}
