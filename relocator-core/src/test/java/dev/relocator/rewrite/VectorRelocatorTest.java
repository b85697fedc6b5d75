package dev.relocator.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.vector.FindOptions;
import dev.relocator.vector.Image;
import dev.relocator.vector.ImageSource;
import dev.relocator.vector.ImageVector;
import dev.relocator.vector.MergeResult;
import dev.relocator.vector.VectorMerger;
import dev.relocator.vector.VectorReader;
import dev.relocator.vector.VectorWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VectorRelocatorTest {
  private static final List<String> ARCHITECTURES = List.of("amd64", "arm64");

  private static ImageVector base() {
    return VectorReader.read("images.yaml", ManifestRewriterTest.resource("vector/images.yaml")).orThrow();
  }

  private static RewriteRules rules() {
    return RewriteRules.parse("rules.yaml", ManifestRewriterTest.resource("vector/rules.yaml"));
  }

  private static List<String> versions() {
    List<String> versions = new ArrayList<>();
    for (int minor = 17; minor <= 32; minor++) {
      versions.add("1." + minor + ".0");
      versions.add("1." + minor + ".5");
    }
    return versions;
  }

  @Test
  void mergeThenResolveGivesTheRelocatedImageForEveryEntryAndVersion() {
    ImageVector base = base();
    RewriteRules rules = rules();
    VectorRelocator.Result result = VectorRelocator.relocate(base, rules);
    assertThat(result.diagnostics()).isEmpty();
    // Through the file format, as IMAGEVECTOR_OVERWRITE is read by the platform.
    String written = VectorWriter.write(result.overwrite());
    ImageVector overwrite = VectorReader.read("overwrite.yaml", written).orThrow();
    MergeResult merge = VectorMerger.merge(base, overwrite);
    assertThat(merge.diagnostics()).isEmpty();
    assertThat(merge.vector().entries()).hasSameSizeAs(base.entries());

    Set<ImageSource> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    int checks = 0;
    for (String name : base.names()) {
      for (String version : versions()) {
        for (String architecture : ARCHITECTURES) {
          FindOptions options = FindOptions.kubernetes(version, architecture);
          Optional<Image> before = base.findOptional(name, options);
          Optional<Image> after = merge.vector().findOptional(name, options);
          assertThat(after.isPresent()).as("%s %s", name, options).isEqualTo(before.isPresent());
          if (before.isEmpty()) {
            continue;
          }
          reached.add(before.get().source());
          ImageReference expected = rules.apply(ImageReference.parse(before.get().toString()));
          assertThat(ImageReference.parse(after.get().toString())).as("%s %s", name, options).isEqualTo(expected);
          assertThat(expected.domain()).isEqualTo("127.0.0.1:5000");
          checks++;
        }
      }
    }
    assertThat(reached).as("every base entry is selected by some find").hasSameSizeAs(base.entries());
    assertThat(checks).isGreaterThan(200);
  }

  @Test
  void overwriteEntriesCarryTheBaseKeysAndRelocatedImages() {
    ImageVector overwrite = VectorRelocator.relocate(base(), rules()).overwrite();
    String digest = "sha256:1e725169f37aec55908694840bc808fb13ebf02cb1765df225437c56a796f870";
    assertThat(overwrite.entries()).hasSize(base().entries().size());
    ImageSource pauseArm = overwrite.entries().get(2);
    assertThat(pauseArm.architectures()).containsExactly("arm64");
    assertThat(pauseArm.version()).isEqualTo(">= 1.21");
    assertThat(pauseArm.repository()).isEqualTo("127.0.0.1:5000/example/pause");
    assertThat(pauseArm.tag()).isEqualTo("3.5");
    ImageSource hyperkube = overwrite.entries().get(3);
    assertThat(hyperkube.targetVersion()).isEqualTo("< 1.19");
    assertThat(hyperkube.tag()).isNull();
    assertThat(overwrite.entries().get(5).repository()).isEqualTo("127.0.0.1:5000/example/coredns");
    assertThat(overwrite.entries().get(6).ref()).isEqualTo("127.0.0.1:5000/quay/coreos/etcd:v3.5.9@" + digest);
    assertThat(overwrite.entries().get(8).tag()).isEqualTo(digest);
    assertThat(overwrite.entries().get(9).repository()).isEqualTo("127.0.0.1:5000/pinned/nginx");
    assertThat(overwrite.entries().get(9).tag()).isEqualTo("1.25@" + digest);
  }

  @Test
  void entriesNoRuleChangesAreLeftOut() {
    RewriteRules rules = RewriteRules.parse("r", "rules:\n- prefix: quay.io\n  to: 127.0.0.1:5000/quay\n");
    assertThat(VectorRelocator.relocate(base(), rules).overwrite().names()).containsExactly("etcd");
  }
}
