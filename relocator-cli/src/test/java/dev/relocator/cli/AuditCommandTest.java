package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  @TempDir Path dir;
  private Path manifests;
  private Path maps;

  @BeforeEach
  void files() throws IOException {
    manifests = dir.resolve("workloads.yaml");
    Files.writeString(manifests, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              initContainers: [{name: setup, image: busybox:1.36}]
              containers: [{name: web, image: nginx:1.27}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: report, image: quay.io/acme/report:2}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d, uid: x, controller: true}]
        spec:
          containers: [{name: web, image: nginx:1.27}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: other, namespace: shop}
        """);
    maps = Files.createDirectory(dir.resolve("maps"));
    Files.writeString(maps.resolve("maps.yaml"), """
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImageMap
        metadata: {name: mirror}
        spec:
          map:
          - {from: nginx, to: reg.local/mirror/library/nginx}
        """);
  }

  @Test
  void listsEveryContainerNoMapRelocatesWithSuggestionsAndExitsOne() {
    CliRun run = CliRun.of("audit", "--manifests", manifests.toString(), "--maps", maps.toString(),
        "--to", "reg.local/mirror");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains(
        "NAMESPACE  KIND        NAME    CONTAINER  IMAGE                  RELOCATED  WHY",
        "shop       Deployment  web     setup      busybox:1.36           no map     no ImageMap relocates it",
        "shop       CronJob     report  report     quay.io/acme/report:2  no map     no ImageMap relocates it",
        "relocator audit: 2 containers of 2 workloads would not be allowed",
        """
        kind: ClusterImageMap
        metadata:
          name: relocator-audit
        spec:
          map:
          - from: busybox
            to: reg.local/mirror/library/busybox
          - from: quay.io/acme/report
            to: reg.local/mirror/acme/report
        """);
    assertThat(run.out()).as("the pod a ReplicaSet owns is audited through its owner").doesNotContain("web-1");
  }

  @Test
  void underAPolicyRowsAreItsViolationsIncludingRelocationsOutsideIt() throws IOException {
    Files.writeString(maps.resolve("policy.yaml"), """
        apiVersion: relocator.dev/v1alpha1
        kind: ClusterImagePolicy
        metadata: {name: mirror-only}
        spec:
          mode: deny
          allowed: [reg.local/mirror, quay.io/acme]
        """);
    CliRun run = CliRun.of("audit", "--manifests", manifests.toString(), "--maps", maps.toString(), "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode json = readJson(run.out());
    assertThat(json.path("audited").asInt()).isEqualTo(2);
    assertThat(json.path("rows")).hasSize(1);
    assertThat(json.at("/rows/0").toString()).isEqualTo("{\"namespace\":\"shop\",\"kind\":\"Deployment\",\"name\":"
        + "\"web\",\"container\":\"setup\",\"image\":\"busybox:1.36\",\"relocated\":null,\"why\":"
        + "\"ClusterImagePolicy mirror-only denies\"}");
  }

  @Test
  void nothingToReportExitsZero() throws IOException {
    Files.writeString(manifests, """
        apiVersion: v1
        kind: Pod
        metadata: {name: ok}
        spec:
          containers: [{name: web, image: nginx:1.27}]
        """);
    CliRun run = CliRun.of("audit", "--manifests", manifests.toString(), "--maps", maps.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("relocator audit: all 1 workloads allowed\n");
  }

  @Test
  void commandLineMistakesExitTwo() {
    assertThat(CliRun.of("audit", "--maps", maps.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.of("audit", "--manifests", manifests.toString(), "--kubeconfig", "k").exitCode()).isEqualTo(2);
    CliRun badTo = CliRun.of("audit", "--manifests", manifests.toString(), "--to", "mirror");
    assertThat(badTo.exitCode()).isEqualTo(2);
    assertThat(badTo.err()).contains("--to \"mirror\" does not start with a registry host");
  }

  @Test
  void aMissingManifestIsOneLineAndExitOne() {
    CliRun run = CliRun.of("audit", "--manifests", dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("relocator: --manifests " + dir.resolve("nope.yaml") + ": no such file\n");
  }

  @Test
  void manifestsWithNoWorkloadAreAProblemNotAllAllowed() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n- prefix: docker.io\n  to: r.example:5000/hub\n");
    CliRun run = CliRun.of("audit", "--manifests", rules.toString(), "--maps", maps.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("relocator: --manifests " + rules + ": no Pod, Deployment, StatefulSet, DaemonSet,"
        + " ReplicaSet, Job or CronJob found (a rules file (\"rules:\"))\n");
  }

  private static JsonNode readJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
