package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteCommandsTest {
  @TempDir Path dir;

  /** A fixture of core's rewrite tests (from its test-jar), such as {@code manifests/rules.yaml}. */
  static String resource(String name) {
    return TestResources.text("/dev/relocator/rewrite/" + name);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path rules(String yaml) throws IOException {
    return write("rules.yaml", yaml);
  }

  @Test
  void imageRewriteJsonGivesInputCanonicalOutputAndRuleIndex() throws IOException {
    Path rules = rules("rules:\n- from: docker.io/flannel/flannel\n  to: 127.0.0.1:5000/cni/flannel\n"
        + "- overwriteRegistry: 127.0.0.1:5000/example\n  exclude: 127.0.0.1:5000\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "-o", "json",
        "docker.io/flannel/flannel:v0.24.4", "alpine:3", "quay.io/calico/cni:v3.32.0",
        "127.0.0.1:5000/example/library/alpine:3");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json).hasSize(4);
    assertThat(json.get(0).toString()).isEqualTo("{\"input\":\"docker.io/flannel/flannel:v0.24.4\","
        + "\"output\":\"127.0.0.1:5000/cni/flannel:v0.24.4\",\"rule\":0}");
    assertThat(json.get(1).toString()).isEqualTo("{\"input\":\"alpine:3\","
        + "\"output\":\"127.0.0.1:5000/example/library/alpine:3\",\"rule\":1}");
    assertThat(json.get(2).get("output").asText()).isEqualTo("127.0.0.1:5000/example/calico/cni:v3.32.0");
    assertThat(json.get(3).toString()).isEqualTo("{\"input\":\"127.0.0.1:5000/example/library/alpine:3\","
        + "\"output\":\"127.0.0.1:5000/example/library/alpine:3\",\"rule\":null}");
  }

  @Test
  void imageRewriteOutputIsCanonicalEvenForAFlattenPrefixWithoutRegistry() throws IOException {
    Path rules = rules("rules:\n- flatten: {prefix: myuser}\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "-o", "json", "nginx:1");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get(0).get("output").asText())
        .matches("docker\\.io/myuser/library-nginx-[0-9a-f]{32}:1");
  }

  @Test
  void imageRewriteTextPrintsOneCanonicalReferencePerLine() throws IOException {
    Path rules = rules("rules:\n- prefix: docker.io\n  to: 127.0.0.1:5000/hub\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "nginx", "quay.io/a/b:1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("127.0.0.1:5000/hub/library/nginx\nquay.io/a/b:1\n");
  }

  @Test
  void invalidReferencesAreReportedOneLineEachAfterTheValidOnes() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "Nginx", "alpine:3", "a::b");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).isEqualTo("127.0.0.1:5000/library/alpine:3\n");
    assertThat(run.err().lines()).hasSize(2).first().asString().startsWith("relocator: invalid reference \"Nginx\"");
  }

  @Test
  void invalidReferencesInJsonCarryAnErrorAndNullOutput() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "-o", "json", "Nginx", "alpine:3");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get(0).get("output").isNull()).isTrue();
    assertThat(json.get(0).get("rule").isNull()).isTrue();
    assertThat(json.get(0).get("error").asText()).startsWith("invalid reference \"Nginx\"");
    assertThat(json.get(1).toString()).isEqualTo("{\"input\":\"alpine:3\","
        + "\"output\":\"127.0.0.1:5000/library/alpine:3\",\"rule\":0}");
  }

  @Test
  void imageRewriteReadsReferencesFromStandardInputForADash() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("# images\nnginx\n\nalpine:3\n".getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "-");
      assertThat(run.out()).isEqualTo("127.0.0.1:5000/library/nginx\n127.0.0.1:5000/library/alpine:3\n");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void yamlOutputIsAUsageError() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: 127.0.0.1:5000\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "-o", "yaml", "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void invalidRulesPrintEveryErrorAndFail() throws IOException {
    Path rules = rules("rules:\n- prefix: docker.io\n- overwriteRegistry: Bad_Host\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().lines()).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith(rules + ":"))
        .anySatisfy(line -> assertThat(line).contains(":2: rules[0].to: missing"))
        .anySatisfy(line -> assertThat(line).contains(":3: rules[1].overwriteRegistry: "));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shadowedRulesAreWarnedOnStderrWithoutFailing() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: r.example\n- prefix: docker.io\n  to: s.example\n");
    CliRun run = CliRun.of("image", "rewrite", "--rules", rules.toString(), "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains(":3: rules[1]: warning: can never match");
  }

  @Test
  void missingRulesOptionIsAUsageError() {
    CliRun run = CliRun.of("image", "rewrite", "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--rules=FILE'");
  }

  @Test
  void missingRulesFileFailsWithOneLine() {
    CliRun run = CliRun.of("image", "rewrite", "--rules", dir.resolve("nope.yaml").toString(), "nginx");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).isEqualTo("relocator: cannot read " + dir.resolve("nope.yaml") + ": no such file\n");
  }

  @Test
  void rewritePrintsManifestsWithOnlyImagesChanged() throws IOException {
    Path rules = write("rules.yaml", resource("manifests/rules.yaml"));
    Path manifest = write("workloads.yaml", resource("manifests/workloads.yaml"));
    CliRun run = CliRun.of("rewrite", "--rules", rules.toString(), manifest.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(resource("manifests/workloads.expected.yaml"));
    assertThat(run.err()).contains("PodTemplate image left as it is");
  }

  @Test
  void rewriteJoinsSeveralFilesAsOneStream() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: r.example\n");
    Path a = write("a.yaml", "kind: Pod\nspec:\n  containers:\n  - image: nginx");
    Path b = write("b.yaml", "kind: Pod\nspec:\n  containers:\n  - image: alpine\n");
    CliRun run = CliRun.of("rewrite", "--rules", rules.toString(), a.toString(), b.toString());
    assertThat(run.out()).isEqualTo("kind: Pod\nspec:\n  containers:\n  - image: r.example/library/nginx\n"
        + "---\nkind: Pod\nspec:\n  containers:\n  - image: r.example/library/alpine\n");
  }

  @Test
  void rewriteReadsStandardInputForADash() throws IOException {
    Path rules = rules("rules:\n- overwriteRegistry: r.example\n");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("kind: Pod\nspec: {containers: [{image: nginx}]}\n".getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of("rewrite", "--rules", rules.toString(), "-");
      assertThat(run.out()).isEqualTo("kind: Pod\nspec: {containers: [{image: r.example/library/nginx}]}\n");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void checkListsChangesAndExitsOneWithoutPrintingManifests() throws IOException {
    Path rules = write("rules.yaml", resource("manifests/rules.yaml"));
    Path manifest = write("workloads.yaml", resource("manifests/workloads.yaml"));
    CliRun run = CliRun.of("rewrite", "--check", "--rules", rules.toString(), manifest.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out().lines()).hasSize(12).first().isEqualTo(manifest
        + ":26: Deployment/web spec.template.spec.initContainers[0].image: bitnami/postgresql:16"
        + " -> 127.0.0.1:5000/example/bitnami/postgresql:16");
    assertThat(Files.readString(manifest)).isEqualTo(resource("manifests/workloads.yaml"));
  }

  @Test
  void checkPassesWhenEverythingIsRelocated() throws IOException {
    Path rules = write("rules.yaml", resource("manifests/rules.yaml"));
    Path manifest = write("workloads.yaml", resource("manifests/workloads.expected.yaml"));
    CliRun run = CliRun.of("rewrite", "--check", "--rules", rules.toString(), manifest.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void mirrorsContainerdWritesHostsTomlFiles() throws IOException {
    Path rules = write("rules.yaml", resource("mirrors/rules.yaml"));
    Path out = dir.resolve("certs.d");
    CliRun run = CliRun.of("mirrors", "containerd", "--rules", rules.toString(), "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines()).hasSize(5).contains(out.resolve("_default/hosts.toml").toString());
    String written;
    try (Stream<Path> files = Files.walk(out)) {
      written = files.filter(Files::isRegularFile).sorted()
          .map(f -> "### " + out.relativize(f) + "\n" + read(f))
          .collect(Collectors.joining("\n"));
    }
    assertThat(written.replace(rules.toString(), "rules.yaml")).isEqualTo(resource("mirrors/containerd.golden"));
    assertThat(run.err()).contains("rules[3]: warning: left out of containerd configuration");
  }

  @Test
  void mirrorsCrioPrintsARegistriesConfFragment() throws IOException {
    Path rules = write("rules.yaml", resource("mirrors/rules.yaml"));
    CliRun run = CliRun.of("mirrors", "crio", "--rules", rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().replace(rules.toString(), "rules.yaml")).isEqualTo(resource("mirrors/registries.conf"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
