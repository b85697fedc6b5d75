package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.OciImageBuilder;
import dev.relocator.registry.testing.OciImageBuilder.Blob;
import dev.relocator.registry.testing.OciImageBuilder.Image;
import dev.relocator.registry.testing.OciImageBuilder.Index;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.testing.TestTools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node configurations of {@code relocator mirrors} read by their real consumers: containerd
 * fetches through the {@code hosts.toml} directory, skopeo (containers/image, which resolves
 * mirrors as CRI-O does) through the {@code registries.conf}. Upstream-named images come from a
 * loopback mirror that {@code relocator mirror} filled with the same rules.
 */
class NodeMirrorsIT {
  private static final Path CONTAINERD = Path.of("/usr/bin/containerd");
  private static final Path CTR = Path.of("/usr/bin/ctr");
  private static final Path UNSHARE = Path.of("/usr/bin/unshare");
  private static final Path IP = Path.of("/usr/sbin/ip");

  private static final String APP = "docker.io/library/app:1.0";
  private static final String MULTI = "docker.io/library/multi:1.0";
  private static final String PAUSE = "registry.k8s.io/pause:3.9";
  private static final String TOOL = "quay.io/demo/tool:1.0";

  @TempDir Path dir;

  private Image app;
  private Index multi;
  private Image pause;
  private Image tool;
  private Path storage;
  private int port;
  private Path rules;

  /**
   * Pushes four images to a loopback registry with the rules the node configurations come from:
   * docker.io under a path (containerd's {@code override_path}), registry.k8s.io at the root, and
   * every other registry under another path (containerd's {@code _default}; CRI-O has no such
   * catch-all).
   */
  @BeforeEach
  void fillTheMirror() throws IOException {
    for (Path program : List.of(CONTAINERD, CTR, UNSHARE, IP, TestTools.SKOPEO)) {
      TestTools.assumeInstalled(program);
    }
    assumeLoopbackOnlyNamespaces();
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    Blob base = layout.layer("base.bin", 60_000, 1);
    app = layout.image("linux", "amd64", base, layout.layer("app.bin", 30_000, 2));
    multi = layout.index(layout.image("linux", "amd64", base, layout.layer("amd64.bin", 20_000, 3)),
        layout.image("linux", "arm64", base, layout.layer("arm64.bin", 25_000, 4)));
    pause = layout.image("linux", "amd64", layout.layer("pause.bin", 10_000, 5));
    tool = layout.image("linux", "amd64", base, layout.layer("tool.bin", 15_000, 6));
    layout.tag(APP, app.manifest()).tag(MULTI, multi.index()).tag(PAUSE, pause.manifest()).tag(TOOL, tool.manifest());

    try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
      storage = registry.storage();
      port = registry.port();
      rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n"
          + "- prefix: docker.io\n  to: " + registry.hostPort() + "/hub\n  plainHttp: true\n"
          + "- prefix: registry.k8s.io\n  to: " + registry.hostPort() + "\n  plainHttp: true\n"
          + "- overwriteRegistry: " + registry.hostPort() + "/other\n  plainHttp: true\n");
      CliRun seed = CliRun.of("mirror", "--from", "oci:" + layout.dir(), "--rules", rules.toString(),
          "--insecure-registry", registry.hostPort());
      assertThat(seed.exitCode()).as(seed.err()).isZero();
      assertThat(seed.out()).startsWith("4 copied, 0 already present of 4 images; ");
    }
  }

  @Test
  void containerdFetchesUpstreamNamedImagesFromTheMirrorThroughTheWrittenHostsDirectory() throws Exception {
    Path certsD = dir.resolve("certs.d");
    CliRun written = CliRun.of("mirrors", "containerd", "--rules", rules.toString(), "--out", certsD.toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.err()).isEmpty();
    assertThat(certsD.resolve("docker.io/hosts.toml")).content().contains("override_path = true");
    assertThat(certsD.resolve("_default/hosts.toml")).exists();

    Consumed fetched = consume("containerd", certsD, APP, MULTI, PAUSE, TOOL);

    List<String> expected = new ArrayList<>(digests(app));
    expected.add(multi.index().digest());
    multi.images().forEach(image -> expected.addAll(digests(image)));
    expected.addAll(digests(pause));
    expected.addAll(digests(tool));
    assertThat(fetched.lines()).as(fetched.log()).containsAll(expected);
    assertThat(fetched.registryLog())
        // containerd names the upstream registry in ?ns=: the mirror was chosen for that name.
        .contains("\"HEAD /v2/hub/library/app/manifests/1.0?ns=docker.io HTTP",
            "\"HEAD /v2/hub/library/multi/manifests/1.0?ns=docker.io HTTP",
            "\"HEAD /v2/pause/manifests/3.9?ns=registry.k8s.io HTTP",
            "\"HEAD /v2/other/demo/tool/manifests/1.0?ns=quay.io HTTP")
        .contains("\"GET /v2/hub/library/multi/blobs/" + multi.images().get(1).layers().get(1).digest() + "?ns=docker.io HTTP")
        .contains("\"GET /v2/pause/blobs/" + pause.layers().get(0).digest() + "?ns=registry.k8s.io HTTP");
  }

  @Test
  void skopeoReadsUpstreamNamedImagesFromTheMirrorThroughTheWrittenRegistriesConf() throws Exception {
    CliRun written = CliRun.of("mirrors", "crio", "--rules", rules.toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.err()).contains("rules[2]: warning: left out of CRI-O configuration: "
        + "registries.conf has no catch-all prefix for every registry");
    Path conf = Files.writeString(dir.resolve("registries.conf"), written.out());
    assertThat(conf).content().contains("insecure = true");

    Consumed inspected = consume("skopeo", conf, APP, MULTI, PAUSE);

    assertThat(inspected.lines()).as(inspected.log()).containsExactly(
        APP + " " + app.manifest().digest(), MULTI + " " + multi.index().digest(), PAUSE + " " + pause.manifest().digest());
    assertThat(inspected.registryLog())
        .contains("\"GET /v2/hub/library/app/manifests/1.0 HTTP", "\"GET /v2/hub/library/multi/manifests/1.0 HTTP",
            "\"GET /v2/pause/manifests/3.9 HTTP")
        .contains("\"GET /v2/hub/library/app/blobs/" + app.config().digest() + " HTTP");
  }

  private static List<String> digests(Image image) {
    List<String> digests = new ArrayList<>(List.of(image.manifest().digest(), image.config().digest()));
    image.layers().forEach(layer -> digests.add(layer.digest()));
    return digests;
  }

  /** What node-consumers.sh printed, its log, and the mirror's access log. */
  private record Consumed(List<String> lines, String log, String registryLog) {}

  /** Runs node-consumers.sh for {@code consumer} on {@code config}, in namespaces of its own. */
  private Consumed consume(String consumer, Path config, String... images)
      throws IOException, InterruptedException, URISyntaxException {
    Path work = Files.createDirectories(dir.resolve(consumer));
    Path log = work.resolve("node-consumers.log");
    List<String> command = new ArrayList<>(List.of(UNSHARE.toString(), "--net", "--pid", "--fork", "--kill-child",
        "bash", script().toString(), work.toString(), storage.toString(), Integer.toString(port), consumer,
        config.toString()));
    command.addAll(List.of(images));
    Path out = work.resolve("node-consumers.out");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      // --kill-child: the script, and with its PID namespace everything it started, goes too.
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String logText = Files.readString(log);
    assertThat(ended).as("node-consumers.sh %s still running after 120 s:%n%s", consumer, logText).isTrue();
    assertThat(process.exitValue()).as("node-consumers.sh %s failed:%n%s", consumer, logText).isZero();
    return new Consumed(Files.readAllLines(out), logText, Files.readString(work.resolve("registry.log")));
  }

  private static Path script() throws URISyntaxException {
    return Path.of(NodeMirrorsIT.class.getResource("node-consumers.sh").toURI());
  }

  /** The isolation needs root (new network and PID namespaces): skip without it, fail on CI. */
  private static void assumeLoopbackOnlyNamespaces() {
    boolean possible;
    try {
      Process probe = new ProcessBuilder(UNSHARE.toString(), "--net", "--pid", "--fork", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      possible = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      possible = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      possible = false;
    }
    String why = "cannot create network and PID namespaces (unshare --net --pid needs root)";
    TestTools.require(possible, "loopback-only namespaces", why);
  }
}
