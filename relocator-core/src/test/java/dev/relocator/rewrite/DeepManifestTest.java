package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Real manifests nest deeper than SnakeYAML's default limit of 50 (CRD schemas in a bundle). */
class DeepManifestTest {

  private static String crdNested(int levels) {
    StringBuilder out = new StringBuilder("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: deep.example}\nspec:\n  schema:\n");
    String indent = "    ";
    for (int i = 0; i < levels; i++) {
      out.append(indent).append("properties:\n");
      indent += "  ";
      out.append(indent).append("p").append(i).append(":\n");
      indent += "  ";
    }
    out.append(indent).append("type: object\n");
    return out.toString();
  }

  @Test
  void imagesAfterADeeplyNestedCrdAreStillRewritten() {
    String text = crdNested(60) + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        + "  - name: a\n    image: nginx:1.25\n";
    RewriteRules rules = RewriteRules.parse("rules.yaml", "rules:\n- overwriteRegistry: 127.0.0.1:5000\n");

    ManifestRewrite result = ManifestRewriter.rewrite("bundle.yaml", text, rules);

    assertThat(result.changes()).hasSize(1);
    assertThat(result.text()).isEqualTo(text.replace("image: nginx:1.25", "image: 127.0.0.1:5000/library/nginx:1.25"));
  }
}
