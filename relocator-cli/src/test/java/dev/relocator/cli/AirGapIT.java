package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of docs/airgap.md, in its order, on loopback: the platform's images in registry A;
 * the connected side relocates them into a single-file bundle; the disconnected side relocates
 * the bundle (with the vector beside it) into registry B, writing the pinned overwrite, the
 * ImageMaps and the node configurations; {@code serve --maps} (the jar, over HTTPS) sends a pod to
 * the copies; {@code --check} passes, fails naming an image deleted from B, and passes again once
 * {@code relocate} restored it. The relocate commands run through the CLI's Main in-process.
 */
class AirGapIT {
  @TempDir Path dir;

  @Test
  void theJourneyAcrossAnAirGap() throws Exception {
    TestImages images = TestImages.small(dir.resolve("images"));
    try (RegistryServer a = RegistryServer.builder(dir.resolve("registry-a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("registry-b")).start()) {
      CliRun.seed(images, a.hostPort());
      String single = images.digest(TestImages.SINGLE);
      String multi = images.digest(TestImages.MULTI);

      // 1. The vector describes the platform; its images live in registry A.
      Path connected = Files.createDirectories(dir.resolve("connected"));
      String vector = """
          images:
          - name: app
            repository: %1$s/demo/single
            tag: "1.0"
          - name: sidecar
            repository: %1$s/demo/multi
            tag: "1.0"
          """.formatted(a.hostPort());
      Files.writeString(connected.resolve("images.yaml"), vector);
      Files.writeString(connected.resolve("connected.yaml"), """
          apiVersion: relocator.dev/v1alpha1
          kind: Relocation
          sources:
            vector: {file: images.yaml}
          target: oci-archive:platform.tar
          registries:
            insecure: [%s]
          outputs:
            lock: platform-lock.yaml
          """.formatted(a.hostPort()));

      // 2. Connected side: the bundle.
      CliRun bundle = CliRun.of("relocate", "-f", connected.resolve("connected.yaml").toString());
      assertThat(bundle.exitCode()).as(bundle.err()).isZero();
      assertThat(bundle.out()).startsWith("2 copied, 0 already present of 2 images; ")
          .contains("wrote lock " + connected.resolve("platform-lock.yaml"));

      // 3. Disconnected side: the bundle and the vector carried across, relocated into B.
      Path disconnected = Files.createDirectories(dir.resolve("disconnected"));
      Files.copy(connected.resolve("platform.tar"), disconnected.resolve("platform.tar"));
      Files.copy(connected.resolve("images.yaml"), disconnected.resolve("images.yaml"));
      Path file = Files.writeString(disconnected.resolve("disconnected.yaml"), """
          apiVersion: relocator.dev/v1alpha1
          kind: Relocation
          sources:
            vector: {file: images.yaml}
            bundle: oci-archive:platform.tar
          target: %1$s/platform
          registries:
            insecure: [%1$s]
          outputs:
            lock: out/lock.yaml
            overwrite: out/images-overwrite.yaml
            imageMaps: {file: out/maps/imagemaps.yaml, namespace: demo}
            containerd: out/certs.d
            crio: out/registries.conf
          """.formatted(b.hostPort()));
      CliRun relocate = CliRun.of("relocate", "-f", file.toString());
      assertThat(relocate.exitCode()).as(relocate.err()).isZero();
      Path out = disconnected.resolve("out");
      assertThat(relocate.out()).startsWith("2 copied, 0 already present of 2 images; ").contains(
          "wrote overwrite " + out.resolve("images-overwrite.yaml"),
          "wrote imageMaps " + out.resolve("maps/imagemaps.yaml"),
          "wrote containerd " + out.resolve("certs.d") + " (1 file)",
          "wrote crio " + out.resolve("registries.conf"));
      String copy = b.hostPort() + "/platform/demo/single";
      assertThat(Skopeo.rawDigest("docker://" + copy + ":1.0", "--tls-verify=false")).isEqualTo(single);
      assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/platform/demo/multi:1.0", "--tls-verify=false"))
          .isEqualTo(multi);
      assertThat(Files.readString(out.resolve("images-overwrite.yaml")))
          .contains("- name: app\n  repository: " + copy + "\n  tag: 1.0@" + single);
      assertThat(Files.readString(out.resolve("certs.d/" + a.hostPort() + "/hosts.toml")))
          .contains("[host.\"https://" + b.hostPort() + "/v2/platform\"]", "skip_verify = true");
      assertThat(Files.readString(out.resolve("registries.conf")))
          .contains("prefix = \"" + a.hostPort() + "\"", "location = \"" + b.hostPort() + "/platform\"");

      // 4. The webhook serves the generated maps: a platform pod comes back relocated and pinned.
      String review = """
          {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
            "uid": "4f1c2c1e-0000-4000-8000-000000000001",
            "kind": {"group": "", "version": "v1", "kind": "Pod"},
            "resource": {"group": "", "version": "v1", "resource": "pods"},
            "namespace": "demo", "operation": "CREATE", "userInfo": {"username": "test"},
            "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "app"}, "spec": {
              "initContainers": [{"name": "sidecar", "image": "%s/demo/multi:1.0"}],
              "containers": [{"name": "app", "image": "%s/demo/single:1.0"}]}}}}
          """.formatted(a.hostPort(), a.hostPort());
      try (ServeProcess serve = ServeProcess.start(dir.resolve("serve.out"), dir.resolve("serve.err"),
          "serve", "--maps", out.resolve("maps").toString(), "--bind", "127.0.0.1", "--port", "0")) {
        assertThat(ServeProcess.patchedImages(serve.post(review.getBytes()))).containsExactlyInAnyOrder(
            "/spec/initContainers/0/image=" + b.hostPort() + "/platform/demo/multi:1.0@" + multi,
            "/spec/containers/0/image=" + copy + ":1.0@" + single);
      }

      // 5. Drift: checked, one image deleted from B, checked, restored, checked.
      CliRun check = CliRun.of("relocate", "-f", file.toString(), "--check");
      assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
      HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://" + b.hostPort() + "/v2/platform/demo/single/manifests/" + single)).DELETE()
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
      CliRun drift = CliRun.of("relocate", "-f", file.toString(), "--check");
      assertThat(drift.exitCode()).isEqualTo(ExitCodes.FAILURE);
      assertThat(drift.out()).contains("missing oci-archive:" + disconnected.resolve("platform.tar") + ":" + a.hostPort()
          + "/demo/single:1.0 -> " + copy + ":1.0  locked " + single)
          .contains("ok      oci-archive:").contains("1 missing or drifted");
      byte[] lock = Files.readAllBytes(out.resolve("lock.yaml"));
      CliRun restore = CliRun.of("relocate", "-f", file.toString());
      assertThat(restore.exitCode()).as(restore.err()).isZero();
      assertThat(restore.err()).contains("copied " + copy + ":1.0@" + single).contains("up to date ");
      assertThat(out.resolve("lock.yaml")).hasBinaryContent(lock);
      CliRun again = CliRun.of("relocate", "-f", file.toString(), "--check");
      assertThat(again.exitCode()).as(again.out()).isZero();
    }
  }
}
