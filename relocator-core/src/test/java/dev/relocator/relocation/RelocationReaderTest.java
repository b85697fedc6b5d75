package dev.relocator.relocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.Diagnostic;
import dev.relocator.rewrite.RewriteRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelocationReaderTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void files() throws Exception {
    file = dir.resolve("relocation.yaml");
    Files.writeString(dir.resolve("images.yaml"), "images: []\n");
    Files.writeString(dir.resolve("site.yaml"), "images: []\n");
    Files.writeString(dir.resolve("images.txt"), "nginx:1.27\n");
    Files.writeString(dir.resolve("workloads.yaml"), "kind: Pod\n");
    Files.writeString(dir.resolve("ca.pem"), "");
    Files.writeString(dir.resolve("rules.yaml"), "rules:\n- overwriteRegistry: registry.internal:5000\n");
    Files.createDirectories(dir.resolve("bundle"));
  }

  private RelocationReader.Result read(String text) {
    return RelocationReader.read(file, text);
  }

  private static List<String> lines(RelocationReader.Result result) {
    return result.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void everyKeyOfTheIssueIsReadWithPathsRelativeToTheFile() {
    RelocationReader.Result result = read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          vector:
            file: images.yaml
            overwrites: [site.yaml]
            kubernetesVersions: ["1.31.4", "1.32.1"]
            architectures: [amd64, arm64]
          images: [images.txt]
          manifests: [workloads.yaml]
          bundle: oci:bundle
        rules: rules.yaml
        target: oci-archive:out/platform.tar
        referrers: signatures
        registries:
          insecure: [127.0.0.1:5000]
          caFile: ca.pem
          endpoints: {docker.io: "https://mirror.internal"}
        outputs:
          lock: out/lock.yaml
          overwrite: out/images-overwrite.yaml
          imageMaps: {file: out/imagemaps.yaml, namespace: platform}
          containerd: out/certs.d
          crio: out/registries.conf
        """);
    assertThat(lines(result)).isEmpty();
    Relocation r = result.relocation();
    assertThat(r.vector().orElseThrow().file()).isEqualTo(dir.resolve("images.yaml"));
    assertThat(r.vector().orElseThrow().overwrites()).containsExactly(dir.resolve("site.yaml"));
    assertThat(r.vector().orElseThrow().kubernetesVersions()).containsExactly("1.31.4", "1.32.1");
    assertThat(r.vector().orElseThrow().architectures()).extracting(Located::value).containsExactly("amd64", "arm64");
    assertThat(r.images()).containsExactly(dir.resolve("images.txt"));
    assertThat(r.manifests()).containsExactly(dir.resolve("workloads.yaml"));
    assertThat(r.bundle().orElseThrow().value()).isEqualTo("oci:" + dir.resolve("bundle"));
    assertThat(r.rules().orElseThrow().rules()).hasSize(1);
    assertThat(r.target().orElseThrow().value()).isEqualTo("oci-archive:" + dir.resolve("out/platform.tar"));
    assertThat(r.referrers().orElseThrow().value()).isEqualTo("signatures");
    assertThat(r.registries().insecure()).containsExactly("127.0.0.1:5000");
    assertThat(r.registries().caFile()).contains(dir.resolve("ca.pem"));
    assertThat(r.registries().endpoints().get("docker.io")).extracting(Located::value)
        .containsExactly("https://mirror.internal");
    assertThat(r.outputs().lock()).contains(dir.resolve("out/lock.yaml"));
    assertThat(r.outputs().overwrite()).contains(dir.resolve("out/images-overwrite.yaml"));
    assertThat(r.outputs().imageMaps().orElseThrow().file()).isEqualTo(dir.resolve("out/imagemaps.yaml"));
    assertThat(r.outputs().imageMaps().orElseThrow().namespace().orElseThrow().value()).isEqualTo("platform");
    assertThat(r.outputs().containerd()).contains(dir.resolve("out/certs.d"));
    assertThat(r.outputs().crio()).contains(dir.resolve("out/registries.conf"));
  }

  @Test
  void unknownKeysAndBadValuesAreReportedAllAtOnceWithLineAndKeyPath() {
    RelocationReader.Result result = read("""
        apiVersion: relocator.dev/v1
        kind: Relocation
        sources:
          vectr: {file: images.yaml}
          images: [missing.txt]
          manifests: {a: b}
          bundle: docker://x
        target: [a, b]
        registries:
          insecure: 127.0.0.1:5000
          endpoints: {docker.io: {url: x}}
        outputs:
          lock: out/lock.yaml
          overwrite: out/overwrite.yaml
          imageMaps: {file: out/maps.yaml}
          crio:
        extra: 1
        """);
    assertThat(result.hasErrors()).isTrue();
    assertThat(lines(result)).containsExactly(
        file + ":1: apiVersion: \"relocator.dev/v1\": must be relocator.dev/v1alpha1",
        file + ":4: sources.vectr: unknown key (did you mean \"vector\"?); sources holds vector, images, manifests,"
            + " bundle",
        file + ":5: sources.images[0]: missing.txt: no such file (" + dir.resolve("missing.txt")
            + ", relative to the relocation file)",
        file + ":6: sources.manifests: must be a list of strings, found a mapping",
        file + ":7: sources.bundle: \"docker://x\": expected oci:DIR or oci-archive:FILE",
        file + ":8: target: must be a string, found a list",
        file + ":11: registries.endpoints.docker.io: must be a list of strings, found a mapping",
        file + ":14: outputs.overwrite: needs sources.vector: the overwrite names its entries",
        file + ":15: outputs.imageMaps: needs namespace (an ImageMap) or cluster (a ClusterImageMap)",
        file + ":16: outputs.crio: must be a string, found nothing",
        file + ":17: extra: unknown key; the file holds apiVersion, kind, sources, rules, target, referrers, registries,"
            + " outputs");
  }

  @Test
  void vectorErrorsNameTheirKeys() {
    assertThat(lines(read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          vector:
            overwrites: site.yaml
            kubernetesVersions: ["1.x.y"]
        target: oci:out
        """))).satisfiesExactly(
        l -> assertThat(l).isEqualTo(file + ":4: sources.vector.file: missing: the image vector file"),
        l -> assertThat(l).startsWith(file + ":6: sources.vector.kubernetesVersions[0]: ").contains("1.x.y"));
  }

  @Test
  void missingHeaderAndSourcesAreErrors() {
    assertThat(lines(read("target: oci:out\n"))).containsExactly(
        file + ":1: apiVersion: missing: must be relocator.dev/v1alpha1",
        file + ":1: kind: missing: must be Relocation",
        file + ":1: sources: missing: name at least one of vector, images, manifests, bundle");
    assertThat(lines(read("- a\n"))).containsExactly(
        file + ":1: expected a mapping with apiVersion: relocator.dev/v1alpha1 and kind: Relocation, found a list");
    assertThat(lines(read("a: [\n"))).singleElement().asString().startsWith(file + ":2: not valid YAML: ");
  }

  @Test
  void inlineRulesAreCheckedWhereTheyStandInTheFile() {
    RelocationReader.Result result = read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          images: [images.txt]
        rules:
        - prefix: docker.io
          to: registry.internal:5000/hub
        - prefix: quay.io
          too: registry.internal:5000/quay
        target: registry.internal:5000/platform
        """);
    assertThat(lines(result)).contains(file + ":9: rules[1].too: unknown field; did you mean to?");

    RewriteRules rules = read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {images: [images.txt]}
        rules:
          - prefix: docker.io
            to: registry.internal:5000/hub
        target: registry.internal:5000/platform
        """).relocation().rules().orElseThrow();
    assertThat(rules.rules()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(5));
  }

  @Test
  void aRulesFileIsReadWithItsOwnFindings() throws Exception {
    Files.writeString(dir.resolve("bad-rules.yaml"), "rules:\n- prefix: docker.io\n");
    assertThat(lines(read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {images: [images.txt]}
        rules: bad-rules.yaml
        target: registry.internal:5000
        """))).containsExactly(dir.resolve("bad-rules.yaml") + ":2: rules[0].to: missing");
  }

  /** Each error path alone: the YAML after the header, and the one finding it gives. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      sources: {images: [images.txt], images: [images.txt]}                  | 3: sources.images: duplicate key
      sources: []                                                           | 3: sources: must be a mapping, found a list
      sources: {}                                                           | 3: sources: empty: name at least one of vector, images, manifests, bundle
      sources: {vector: images.yaml}                                        | 3: sources.vector: must be a mapping, found the scalar "images.yaml"
      sources: {images: [""]}                                               | 3: sources.images[0]: must not be empty
      sources: {images: [[a]]}                                              | 3: sources.images[0]: must be a string, found a list
      sources: {vector: {file: bundle}}                                     | 3: sources.vector.file: bundle: is a directory, not a file
      sources: {bundle: oci-archive:missing.tar}                            | 3: sources.bundle: oci-archive:
      sources: {bundle: oci:images.txt}                                     | 3: sources.bundle: oci:
      sources: {images: [images.txt], 7: x}                                 | 3: sources.7: unknown key
      sources: {images: [images.txt], [a]: x}                               | 3: sources: keys must be plain strings, found a list
      rules: {rules: []}                                                    | 4: rules: must be a rules file name or a list of rules, found a mapping
      rules: missing-rules.yaml                                             | 4: rules: missing-rules.yaml: no such file
      registries: {caFile: missing.pem}                                     | 4: registries.caFile: missing.pem: no such file
      registries: {endpoints: [a]}                                          | 4: registries.endpoints: must be a mapping, found a list
      outputs: {imageMaps: {file: m.yaml, namespace: a, cluster: b}}        | 4: outputs.imageMaps: has both namespace and cluster
      outputs: {imageMaps: {namespace: a}}                                  | 4: outputs.imageMaps.file: missing: the file the maps are written to
      outputs: {lock: ~}                                                    | 4: outputs.lock: must be a string, found nothing
      outputs: {lokc: lock.yaml}                                            | 4: outputs.lokc: unknown key (did you mean "lock"?)
      """)
  void eachMistakeNamesItsLineAndKeyPath(String yaml, String expected) {
    String text = "apiVersion: relocator.dev/v1alpha1\nkind: Relocation\n"
        + (yaml.startsWith("sources:") ? "" : "sources: {images: [images.txt]}\n") + yaml + "\ntarget: oci:out\n";
    RelocationReader.Result result = read(text);
    assertThat(result.hasErrors()).isTrue();
    assertThat(lines(result)).singleElement().asString().startsWith(file + ":" + expected);
  }

  @Test
  void aKubeOneClusterFileServesAsRules() throws Exception {
    Files.writeString(dir.resolve("kubeone.yaml"), """
        apiVersion: kubeone.k8c.io/v1beta2
        kind: KubeOneCluster
        versions:
          kubernetes: "1.31.4"
        registryConfiguration:
          overwriteRegistry: registry.internal:5000
          insecureRegistry: true
        """);
    RelocationReader.Result result = read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources: {images: [images.txt]}
        rules: kubeone.yaml
        """);
    assertThat(lines(result)).isEmpty();
    assertThat(result.relocation().rules().orElseThrow().kubeOne().orElseThrow().kubernetesVersion()).hasValue("1.31.4");
  }

  @Test
  void explainPrintsOneLinePerKey() {
    String explained = RelocationSchema.explain();
    assertThat(explained.lines()).hasSize(RelocationSchema.KEYS.size());
    assertThat(explained).contains("outputs.imageMaps.namespace ").contains("sources.vector.kubernetesVersions ");
  }

  @Test
  void aBundleNamingOneImageIsRefusedWithWhy() {
    RelocationReader.Result result = read("""
        apiVersion: relocator.dev/v1alpha1
        kind: Relocation
        sources:
          bundle: oci:bundle:docker.io/library/nginx:1.27
        target: 127.0.0.1:5000/mirror
        """);
    assertThat(result.hasErrors()).isTrue();
    // The path as resolved against the relocation file's directory.
    assertThat(lines(result)).containsExactly(file + ":4: sources.bundle: \"oci:" + dir.resolve("bundle")
        + ":docker.io/library/nginx:1.27\": a bundle is read whole: oci:DIR or oci-archive:FILE, without :REF");
  }
}
