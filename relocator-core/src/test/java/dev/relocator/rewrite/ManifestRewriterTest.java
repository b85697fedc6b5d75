package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.Diagnostic;
import dev.relocator.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class ManifestRewriterTest {

  static String resource(String name) {
    try (InputStream in = ManifestRewriterTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RewriteRules rules() {
    return RewriteRules.parse("rules.yaml", resource("manifests/rules.yaml"));
  }

  @Test
  void onlyImageScalarsChangeInARealWorldShapedStream() {
    String input = resource("manifests/workloads.yaml");
    ManifestRewrite result = ManifestRewriter.rewrite("workloads.yaml", input, rules());
    assertThat(result.text()).isEqualTo(resource("manifests/workloads.expected.yaml"));
    assertThat(result.changes()).hasSize(12);
    assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "workloads.yaml:142: template.spec.containers[0].image: warning: PodTemplate image left as it is:"
            + " invalid reference \"${IMAGE}\": '$' at position 1 is not allowed in a repository name");
  }

  @Test
  void crlfLineEndingsSurvive() {
    String input = resource("manifests/workloads.yaml").replace("\n", "\r\n");
    ManifestRewrite result = ManifestRewriter.rewrite("workloads.yaml", input, rules());
    assertThat(result.text()).isEqualTo(resource("manifests/workloads.expected.yaml").replace("\n", "\r\n"));
  }

  @Test
  void imagesAreListedWithKindNameFieldAndLine() {
    List<ManifestImage> images = ManifestRewriter.images("workloads.yaml", resource("manifests/workloads.yaml"));
    assertThat(images).extracting(ManifestImage::value).containsExactly(
        "bitnami/postgresql:16", "nginx:1.25", "quay.io/prometheus/node-exporter:v1.8.0",
        "busybox:1.36", "registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9",
        "postgres:16@sha256:1e725169f37aec55908694840bc808fb13ebf02cb1765df225437c56a796f870",
        "registry.k8s.io/coredns/coredns:v1.11.1", "quay.io/calico/node:v3.32.0",
        "quay.io/calico/node:v3.32.0", "alpine:3", "gcr.io/google_containers/pause-amd64:3.0",
        "127.0.0.1:5000/example/library/app:1", "${IMAGE}");
    assertThat(images.get(0)).isEqualTo(new ManifestImage(1, 26, 16, "Deployment", "web",
        "spec.template.spec.initContainers[0].image", "bitnami/postgresql:16"));
    assertThat(images.get(5).where()).isEqualTo("Pod/debug spec.ephemeralContainers[0].image");
    assertThat(images.get(10).field()).isEqualTo("items[0].spec.template.spec.containers[0].image");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "'image: nginx'                | 'image: ''[::1]:5000/library/nginx'''",
    "'image: \"nginx\"'            | 'image: \"[::1]:5000/library/nginx\"'",
    "'image: ''nginx'''            | 'image: ''[::1]:5000/library/nginx'''",
    "'{name: a, image: nginx}'     | '{name: a, image: ''[::1]:5000/library/nginx''}'",
  })
  void valuesThatCannotBePlainAreQuoted(String container, String expected) {
    String manifest = "kind: Pod\nspec:\n  containers:\n  - " + container + "\n";
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- overwriteRegistry: '[::1]:5000'\n");
    String out = ManifestRewriter.rewrite("pod.yaml", manifest, rules).text();
    assertThat(out).isEqualTo("kind: Pod\nspec:\n  containers:\n  - " + expected + "\n");
    assertThat(ManifestRewriter.images("pod.yaml", out)).extracting(ManifestImage::value)
        .containsExactly("[::1]:5000/library/nginx");
  }

  static Stream<Arguments> scalarShapes() {
    return Stream.of(
        Arguments.of("image: !!str nginx  # tagged", "image: !!str r.example/library/nginx  # tagged"),
        Arguments.of("image: &a !!str nginx", "image: &a !!str r.example/library/nginx"),
        Arguments.of("image: !!str &a \"nginx\"", "image: !!str &a \"r.example/library/nginx\""),
        Arguments.of("image: |-\n      nginx\n    name: a", "image: |-\n      r.example/library/nginx\n    name: a"),
        Arguments.of("image: >-\n      nginx\n", "image: >-\n      r.example/library/nginx\n"),
        Arguments.of("image:\n      nginx\n", "image:\n      r.example/library/nginx\n"),
        Arguments.of("image: \"ngi\\\n      nx\"", "image: \"r.example/library/nginx\""),
        Arguments.of("image: nginx\n    # a comment line\n    name: a",
            "image: r.example/library/nginx\n    # a comment line\n    name: a"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("scalarShapes")
  void tagsAnchorsBlockAndMultiLineScalarsAreReplacedInPlace(String container, String expected) {
    String manifest = "kind: Pod\nspec:\n  containers:\n  - " + container + "\n";
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- overwriteRegistry: r.example\n");
    ManifestRewrite result = ManifestRewriter.rewrite("pod.yaml", manifest, rules);
    assertThat(result.text()).isEqualTo("kind: Pod\nspec:\n  containers:\n  - " + expected + "\n");
    assertThat(result.changes()).hasSize(1);
  }

  @Test
  void aLiteralScalarKeepingItsLineBreakIsNotAReferenceAndStays() {
    String manifest = "kind: Pod\nspec:\n  containers:\n  - image: |\n      nginx\n";
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- overwriteRegistry: r.example\n");
    ManifestRewrite result = ManifestRewriter.rewrite("pod.yaml", manifest, rules);
    assertThat(result.text()).isSameAs(manifest);
    assertThat(result.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .startsWith("Pod image left as it is: invalid reference \"nginx\\u000a\"");
  }

  @Test
  void aByteOrderMarkStaysInFront() {
    String manifest = "\uFEFFkind: Pod\nspec:\n  containers:\n  - image: nginx\n";
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- overwriteRegistry: r.example\n");
    assertThat(ManifestRewriter.rewrite("pod.yaml", manifest, rules).text())
        .isEqualTo("\uFEFFkind: Pod\nspec:\n  containers:\n  - image: r.example/library/nginx\n");
  }

  @Test
  void nonAsciiTextBeforeAnImageKeepsSplicesAligned() {
    String manifest = "# 🚀 ünïcode comment\nkind: Pod\nmetadata: {name: \"😀\"}\nspec:\n  containers:\n"
        + "  - image: nginx # 🐳\n";
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- overwriteRegistry: r.example\n");
    assertThat(ManifestRewriter.rewrite("pod.yaml", manifest, rules).text())
        .isEqualTo(manifest.replace("image: nginx", "image: r.example/library/nginx"));
  }

  @Test
  void unchangedReferencesKeepTheirFamiliarForm() {
    String manifest = "kind: Pod\nspec:\n  containers:\n  - image: nginx\n";
    ManifestRewrite result = ManifestRewriter.rewrite("pod.yaml", manifest, ref -> ImageReference.parse(ref.toString()));
    assertThat(result.text()).isSameAs(manifest);
    assertThat(result.changed()).isFalse();
  }

  @Test
  void invalidYamlIsReportedWithFileAndLine() {
    assertThatThrownBy(() -> ManifestRewriter.images("bad.yaml", "kind: Pod\nspec: [\n"))
        .isInstanceOf(RewriteException.class)
        .hasMessageStartingWith("bad.yaml:3: not valid YAML: ");
  }
}
