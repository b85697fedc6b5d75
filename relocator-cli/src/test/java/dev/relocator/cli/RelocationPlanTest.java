package dev.relocator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.mirror.ImageLocation;
import dev.relocator.mirror.MirrorDestination;
import dev.relocator.mirror.MirrorTask;
import dev.relocator.rewrite.ContainerdHosts;
import dev.relocator.rewrite.CrioRegistries;
import dev.relocator.rewrite.RewriteRules;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a relocation copies each image, and the names its outputs give the copies. */
class RelocationPlanTest {
  private static final ImageReference APP = ImageReference.parse("127.0.0.1:5000/platform/app:1.0");
  private static final ImageReference NGINX = ImageReference.parse("nginx:1.27");
  private static final RewriteRules RULES = RewriteRules.parse("rules.yaml", """
      rules:
      - prefix: docker.io/library
        to: registry.internal:5000/official
      """);

  private static Map<ImageReference, ImageLocation> fromRegistries(ImageReference... images) {
    Map<ImageReference, ImageLocation> sources = new LinkedHashMap<>();
    for (ImageReference image : images) {
      sources.put(image, new ImageLocation.Registry(image));
    }
    return sources;
  }

  @Test
  void intoARegistryRulesComeFirstAndTheTargetTakesTheRest() {
    RelocationPlan plan = RelocationPlan.of(fromRegistries(APP, NGINX), RULES,
        MirrorDestination.parse("127.0.0.1:5001/mirror"));
    assertThat(plan.tasks()).extracting(t -> t.target().toString()).containsExactly(
        "127.0.0.1:5001/mirror/platform/app:1.0", "registry.internal:5000/official/nginx:1.27");
    assertThat(plan.tasks()).extracting(plan::image).containsExactly(APP, NGINX);
    assertThat(plan.served(plan.tasks().get(0))).hasValue(ImageReference.parse("127.0.0.1:5001/mirror/platform/app:1.0"));
  }

  @Test
  void intoABundleEveryImageGoesThereAndTheRulesNameWhereItWillBeServed() {
    Path tar = Path.of("out/platform.tar");
    RelocationPlan plan = RelocationPlan.of(fromRegistries(APP, NGINX), RULES,
        MirrorDestination.parse("oci-archive:" + tar));
    assertThat(plan.tasks()).extracting(MirrorTask::target).containsExactly(
        new ImageLocation.Layout(tar, APP.toString(), true), new ImageLocation.Layout(tar, NGINX.toString(), true));
    assertThat(plan.served(plan.tasks().get(0))).as("no rule names where APP is served").isEmpty();
    assertThat(plan.served(plan.tasks().get(1))).hasValue(ImageReference.parse("registry.internal:5000/official/nginx:1.27"));
    assertThat(plan.nodeRules("relocation.yaml", List.of())).isSameAs(RULES);
  }

  @Test
  void aRegistryTargetAddsOnePrefixRulePerSourceRegistryForTheNodes() {
    ImageReference pause = ImageReference.parse("127.0.0.1:5000/pause:3.10@sha256:" + "a".repeat(64));
    RelocationPlan plan = RelocationPlan.of(fromRegistries(APP, NGINX, pause), RULES,
        MirrorDestination.parse("127.0.0.1:5001/mirror"));
    RewriteRules nodes = plan.nodeRules("relocation.yaml", List.of("127.0.0.1:5001"));
    assertThat(nodes.rules()).extracting(r -> r.label()).containsExactly(
        "rules[0] (prefix docker.io/library)", "rules[1] (prefix 127.0.0.1:5000)");
    assertThat(nodes.apply(APP)).isEqualTo(ImageReference.parse("127.0.0.1:5001/mirror/platform/app:1.0"));
    assertThat(ContainerdHosts.render(nodes).files()).containsKey("127.0.0.1:5000/hosts.toml");
    assertThat(CrioRegistries.render(nodes).files().get(CrioRegistries.FILE))
        .contains("prefix = \"127.0.0.1:5000\"", "location = \"127.0.0.1:5001/mirror\"", "insecure = true");
    assertThat(plan.served(plan.tasks().get(2)).orElseThrow().withDigest(Digest.parse("sha256:" + "b".repeat(64))))
        .hasToString("127.0.0.1:5001/mirror/pause:3.10@sha256:" + "b".repeat(64));
  }
}
