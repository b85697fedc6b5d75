package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String VECTOR = EXAMPLES.resolve("images.yaml").toString();
  private static final String OVERWRITE = EXAMPLES.resolve("images-overwrite.yaml").toString();

  @TempDir Path dir;

  @Test
  void resolveTheReadmeCommandRelocatesTheOverwrittenImages() {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--overwrite", OVERWRITE, "--kubernetes-version", "1.31.4");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines())
        .contains(
            "kube-apiserver             127.0.0.1:5000/kubernetes/kube-apiserver:v1.31.4",
            "pause-container            127.0.0.1:5000/pause:3.10",
            "cluster-autoscaler         127.0.0.1:5000/gardener/autoscaler/cluster-autoscaler:v1.31.2-hotfix.1",
            "metrics-server             upstream.example/metrics-server/metrics-server:v0.7.2",
            "node-problem-detector      127.0.0.1:5000/node-problem-detector/node-problem-detector:v0.8.20");
    assertThat(run.out().lines()).hasSize(24);
  }

  @Test
  void resolveJsonReportsEveryNameWithAllKeysAndExitsOneIfAnyFailed() throws IOException {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--target-version", "1.30.2", "--arch", "arm64",
        "-o", "json", "pause-container", "etcd", "node-problem-detector", "no-such-image");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertThat(rows).hasSize(4);
    for (JsonNode row : rows) {
      assertThat(iterable(row.fieldNames())).containsExactly("name", "image", "repository", "tag", "ref", "version", "error");
    }
    assertThat(rows.get(0).get("image").asText()).isEqualTo("upstream.example/pause:3.9");
    assertThat(rows.get(1).get("image").asText()).startsWith("upstream.example/gardener/etcd-wrapper:v0.2.0@sha256:");
    assertThat(rows.get(2).get("ref").asText()).isEqualTo("upstream.example/node-problem-detector/node-problem-detector:v0.8.20");
    assertThat(rows.get(2).get("repository").isNull()).isTrue();
    assertThat(rows.get(3).get("image").isNull()).isTrue();
    assertThat(rows.get(3).get("error").asText()).isEqualTo("no image named \"no-such-image\" in the vector");
  }

  @Test
  void resolveRuntimeVersionOverridesKubernetesVersionForRuntime() {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4",
        "--runtime-version", "1.33.0", "-o", "yaml", "csi-provisioner");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("image: upstream.example/sig-storage/csi-provisioner:v5.1.0");
  }

  @Test
  void resolveTextReportsUnresolvedNames() {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4", "--arch", "s390x", "vpn-client");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).startsWith("vpn-client  error: no entry of image \"vpn-client\" matches");
  }

  @Test
  void resolveWithAnInvalidVersionIsAUsageError() {
    CliRun run = CliRun.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "one.two");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("relocator: --kubernetes-version: invalid version \"one.two\": ");
  }

  @Test
  void aVersionErrorNamesTheOptionThatGaveIt() {
    CliRun mirror = CliRun.of("mirror", "--vector", VECTOR, "--to", "127.0.0.1:9/m", "--target-version", "foo");
    CliRun runtime = CliRun.of("vector", "resolve", "--vector", VECTOR, "--kubernetes-version", "1.31.4",
        "--runtime-version", "v-x");
    assertThat(mirror.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(mirror.err()).startsWith("relocator: --target-version: invalid version \"foo\": ");
    assertThat(runtime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(runtime.err()).startsWith("relocator: --runtime-version: invalid version \"v-x\" (normalised to \"\"): ");
  }

  @Test
  void resolveOfAnInvalidVectorPrintsEveryErrorAndExitsOne() throws IOException {
    Path bad = write("bad.yaml", "images:\n- name: x\n  ref: r/x:1\n  tag: '1'\n- repository: r/y\n");
    CliRun run = CliRun.of("vector", "resolve", "--vector", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().lines())
        .containsExactly(
            bad + ":4: images[0].tag: cannot be set together with ref \"r/x:1\"",
            bad + ":5: images[1].name: name is required",
            "relocator: not resolved: fix the errors above");
  }

  @Test
  void resolveOfAMissingFileIsOneLine() {
    CliRun run = CliRun.of("vector", "resolve", "--vector", "no/such.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: cannot read no/such.yaml: no such file" + System.lineSeparator());
  }

  @Test
  void resolveAppliesImagevectorOverwriteFromTheEnvironment() throws IOException {
    Path over = write("over.yaml", "images:\n- name: metrics-server\n  repository: 127.0.0.1:5000/metrics-server\n");
    VectorResolveCommand command = new VectorResolveCommand();
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine commandLine = new picocli.CommandLine(command);
    command.selection.environment = java.util.Map.of("IMAGEVECTOR_OVERWRITE", over.toString());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(new java.io.PrintWriter(out, true));
    int code = commandLine.execute("--vector", VECTOR, "metrics-server");
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEqualTo("metrics-server  127.0.0.1:5000/metrics-server:v0.7.2" + System.lineSeparator());
  }

  @Test
  void validateListsEveryFindingAndExitsOneWhenAnyFileIsInvalid() throws IOException {
    Path bad = write("bad.yaml", "images:\n- name: x\n  repository: r/x\n  targetVersion: '>> 1.2'\n  architectures: [x86_64]\n");
    CliRun run = CliRun.of("vector", "validate", VECTOR, bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out().lines())
        .containsExactly(
            VECTOR + ": valid",
            bad + ":4: images[0].targetVersion: improper constraint \">> 1.2\": unknown operator \">>\"",
            bad + ":5: images[0].architectures[0]: unknown architecture \"x86_64\" (did you mean \"amd64\"?): expected an OCI platform architecture such as amd64, arm64, arm, 386, ppc64le, s390x, riscv64",
            bad + ": invalid, 2 errors");
  }

  @Test
  void validateStrictTurnsUnknownKeysIntoErrors() throws IOException {
    Path typo = write("typo.yaml", "images:\n- name: x\n  repository: r/x\n  targetversion: '>= 1.30'\n");
    CliRun lenient = CliRun.of("vector", "validate", typo.toString());
    assertThat(lenient.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(lenient.out()).contains("warning: unknown key \"targetversion\" (did you mean \"targetVersion\"?)")
        .contains(typo + ": valid, 1 warning");
    CliRun strict = CliRun.of("vector", "validate", "--strict", typo.toString());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(strict.out()).contains(typo + ":4: images[0].targetversion: unknown key").contains(typo + ": invalid, 1 error");
  }

  @Test
  void validateChecksComponentsFilesAsAWhole() throws IOException {
    Path components = write("components.yaml",
        "components:\n- name: etcd-druid\n  imageVectorOverwrite: |\n    images:\n    - name: etcd\n      tag: ''\n      repository: r/etcd\n");
    CliRun run = CliRun.of("vector", "validate", components.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).startsWith(components + ":6: components[0].imageVectorOverwrite.images[0].tag: component \"etcd-druid\": must not be empty");
  }

  @Test
  void mergePrintsTheMergedVectorAndWarnsAboutUnreachableOverwrites() throws IOException {
    Path trap = write("trap.yaml", "images:\n- name: coredns\n  repository: 127.0.0.1:5000/coredns/coredns\n  targetVersion: '>= 1.20'\n");
    CliRun run = CliRun.of("vector", "merge", VECTOR, OVERWRITE, trap.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("images:\n- name: kube-apiserver\n  sourceRepository: github.com/kubernetes/kubernetes\n  repository: 127.0.0.1:5000/kubernetes/kube-apiserver\n");
    assertThat(run.out()).contains("  - name: gardener.cloud/cve-categorisation\n    value:\n      network_exposure: protected\n");
    assertThat(run.err()).startsWith(trap + ":2: images[0]: warning: overwrite entry for \"coredns\" (targetVersion \">= 1.20\") is appended, not merged");
  }

  @Test
  void mergeOfAnInvalidOverwriteListsItsErrorsAndPrintsNothing() throws IOException {
    Path bad = write("bad.yaml", "images:\n- name: x\n  repository: ''\n");
    CliRun run = CliRun.of("vector", "merge", VECTOR, bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .containsExactly(bad + ":3: images[0].repository: must not be empty; remove the key instead", "relocator: not merged: fix the errors above");
  }

  @Test
  void mergeWritesToAFile() throws IOException {
    Path out = dir.resolve("merged.yaml");
    CliRun run = CliRun.of("vector", "merge", VECTOR, OVERWRITE, "-o", out.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
    CliRun resolve = CliRun.of("vector", "resolve", "--vector", out.toString(), "--kubernetes-version", "1.31.4", "pause-container");
    assertThat(resolve.out()).isEqualTo("pause-container  127.0.0.1:5000/pause:3.10" + System.lineSeparator());
  }

  @Test
  void componentsPrintsTheConfigMapAndThePatchedDeployment() throws IOException {
    Path components = write("components.yaml",
        "components:\n- name: etcd-druid\n  imageVectorOverwrite: |\n    images:\n    - name: etcd\n      repository: 127.0.0.1:5000/etcd\n      tag: v3.5.17\n");
    Path deployment = write("deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: etcd-druid\n  namespace: garden\nspec:\n  template:\n    spec:\n      containers:\n      - name: etcd-druid\n        image: 127.0.0.1:5000/etcd-druid:v0.28.0\n");
    CliRun run = CliRun.of("vector", "components", "--components", components.toString(), "--component", "etcd-druid", "--deployment", deployment.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .containsPattern("kind: ConfigMap\nmetadata:\n  name: etcd-druid-imagevector-[0-9a-f]{10}\n  namespace: garden\n")
        .contains("immutable: true")
        .contains("---\napiVersion: apps/v1\nkind: Deployment\n")
        .contains("value: /imagevector-overwrite/images_overwrite.yaml");
    CliRun missing = CliRun.of("vector", "components", "--components", components.toString(), "--component", "gardenlet", "--deployment", deployment.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(missing.err()).isEqualTo("relocator: no component \"gardenlet\" in the components file; it has: etcd-druid" + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "merge", "resolve", "components"})
  void everyVectorCommandHasHelp(String command) {
    CliRun run = CliRun.of("vector", command, "--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("Usage: relocator vector " + command);
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CliRun run = CliRun.of("vector", "resolve");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--vector=FILE'");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
