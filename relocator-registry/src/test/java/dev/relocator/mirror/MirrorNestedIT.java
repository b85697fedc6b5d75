package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.Platform;
import dev.relocator.registry.testing.OciImageBuilder;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes nested in indexes, single images' platforms from their configs, and schema 1 refused,
 * against a real registry.
 */
class MirrorNestedIT {
  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, MirrorOptions options, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, options)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  private static MirrorTask task(Path layout, String name, String target) {
    return new MirrorTask(new ImageLocation.Layout(layout, name), new ImageLocation.Registry(ImageReference.parse(target)));
  }

  @Test
  void nestedIndexesAreCopiedByteForByteAndAPlatformSubsetRewritesEachLevel() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Blob base = layout.layer("base.bin", 10_000, 1);
    OciImageBuilder.Image amd64 = layout.image("linux", "amd64", base, layout.layer("amd64.bin", 5_000, 2));
    OciImageBuilder.Image arm64 = layout.image("linux", "arm64", base, layout.layer("arm64.bin", 5_000, 3));
    OciImageBuilder.Image armV7 = layout.image("linux", "arm", "v7", base, layout.layer("arm.bin", 5_000, 4));
    OciImageBuilder.Index inner = layout.index(amd64, arm64);
    OciImageBuilder.Blob outer = layout.indexOf(OciImageBuilder.entry(inner.index()), OciImageBuilder.entry(armV7));
    layout.tag("demo/nested:1.0", outer);
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      ImageStores stores = stores(a.hostPort(), b.hostPort());

      MirrorResult all = run(stores, MirrorOptions.DEFAULT,
          List.of(task(layout.dir(), "demo/nested:1.0", a.hostPort() + "/demo/nested:1.0")));
      assertThat(all.failures()).isEmpty();
      assertThat(all.images().get(0).digestPreserved()).isTrue();
      assertThat(all.images().get(0).platforms()).containsExactly(
          Platform.parse("linux/amd64"), Platform.parse("linux/arm64"), Platform.parse("linux/arm/v7"));
      assertThat(Skopeo.rawDigest("docker://" + a.hostPort() + "/demo/nested:1.0", "--tls-verify=false"))
          .isEqualTo(outer.digest());
      assertThat(stores.client(a.hostPort()).pullManifest("demo/nested", inner.index().digest()).digest())
          .hasToString(inner.index().digest());

      MirrorTask subset = new MirrorTask(new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/demo/nested:1.0")),
          new ImageLocation.Registry(ImageReference.parse(b.hostPort() + "/demo/nested:1.0")));
      MirrorResult arm = run(stores, MirrorOptions.DEFAULT.withPlatforms(List.of(Platform.parse("arm64"),
          Platform.parse("linux/arm/v7"))), List.of(subset));
      assertThat(arm.failures()).isEmpty();
      ImageResult result = arm.images().get(0);
      assertThat(result.platforms()).containsExactly(Platform.parse("linux/arm64"), Platform.parse("linux/arm/v7"));
      assertThat(result.note().orElseThrow()).contains("index rewritten with 2 of 3 platforms");
      Manifest top = stores.client(b.hostPort()).pullManifest("demo/nested", "1.0");
      assertThat(top.digest()).isEqualTo(result.targetDigest());
      assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/demo/nested:1.0", "--tls-verify=false"))
          .isEqualTo(result.targetDigest().toString());
      Manifest rewrittenInner = stores.client(b.hostPort()).pullManifest("demo/nested", top.manifests().get(0).digest().toString());
      assertThat(rewrittenInner.manifests()).extracting(d -> d.digest().toString()).containsExactly(arm64.manifest().digest());
      assertThat(top.manifests().get(1).digest()).hasToString(armV7.manifest().digest());
      assertThat(stores.client(b.hostPort()).checkManifest("demo/nested", amd64.manifest().digest())).isEmpty();

      MirrorResult again = run(stores, MirrorOptions.DEFAULT.withPlatforms(List.of(Platform.parse("arm64"),
          Platform.parse("linux/arm/v7"))), List.of(subset));
      assertThat(again.images().get(0).upToDate()).isTrue();
    }
  }

  @Test
  void nestingDeeperThanEightLevelsFailsThatImageOnly() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image image = layout.image("linux", "amd64", layout.layer("x.bin", 1_000, 1));
    OciImageBuilder.Blob level = layout.index(image).index();
    for (int i = 1; i < 9; i++) {
      level = layout.indexOf(OciImageBuilder.entry(level));
    }
    layout.tag("demo/deep:1", level).tag("demo/flat:1", image.manifest());
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      MirrorResult result = run(stores(a.hostPort()), MirrorOptions.DEFAULT, List.of(
          task(layout.dir(), "demo/deep:1", a.hostPort() + "/demo/deep:1"),
          task(layout.dir(), "demo/flat:1", a.hostPort() + "/demo/flat:1")));
      assertThat(result.images()).hasSize(1);
      assertThat(result.failures()).singleElement().extracting(ImageFailure::reason).asString()
          .contains("is nested deeper than 8 levels");
    }
  }

  @Test
  void aSingleImagesPlatformComesFromItsConfigWhenAsked() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Image armV7 = layout.image("linux", "arm", "v7", layout.layer("arm.bin", 5_000, 4));
    layout.tag("demo/arm:1", armV7.manifest());
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      ImageStores stores = stores(a.hostPort());
      List<MirrorTask> tasks = List.of(task(layout.dir(), "demo/arm:1", a.hostPort() + "/demo/arm:1"));

      MirrorResult plain = run(stores, MirrorOptions.DEFAULT, tasks);
      assertThat(plain.images().get(0).platforms()).isEmpty();

      MirrorResult locked = run(stores, MirrorOptions.DEFAULT.withConfigPlatforms(true), tasks);
      assertThat(locked.images().get(0).upToDate()).isTrue();
      assertThat(locked.images().get(0).platforms()).containsExactly(Platform.parse("linux/arm/v7"));
      assertThat(LockFile.of(locked).toYaml()).contains("platforms:\n  - linux/arm/v7");

      List<MirrorTask> fromRegistry = List.of(new MirrorTask(
          new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/demo/arm:1")),
          new ImageLocation.Registry(ImageReference.parse(a.hostPort() + "/copy/arm:1"))));
      MirrorResult copied = run(stores, MirrorOptions.DEFAULT.withConfigPlatforms(true), fromRegistry);
      assertThat(copied.images().get(0).upToDate()).isFalse();
      assertThat(copied.images().get(0).platforms()).containsExactly(Platform.parse("linux/arm/v7"));
      try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
        assertThat(engine.plan(fromRegistry).images().get(0).describe()).endsWith("[linux/arm/v7]");
      }
    }
  }

  @Test
  void aSchemaOneManifestIsRefusedSayingWhyAndHowToConvertIt() throws Exception {
    OciImageBuilder layout = OciImageBuilder.create(dir.resolve("layout"));
    OciImageBuilder.Blob old = layout.document(MediaTypes.DOCKER_SCHEMA1_SIGNED,
        "{\"schemaVersion\":1,\"name\":\"demo/old\",\"tag\":\"1\",\"architecture\":\"amd64\",\"fsLayers\":[],"
            + "\"history\":[],\"signatures\":[]}");
    layout.tag("demo/old:1", old);
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start()) {
      MirrorResult result = run(stores(a.hostPort()), MirrorOptions.DEFAULT,
          List.of(task(layout.dir(), "demo/old:1", a.hostPort() + "/demo/old:1")));
      assertThat(result.failures()).singleElement().extracting(ImageFailure::reason).asString()
          .contains("read manifest " + old.digest() + " from OCI layout")
          .contains("this is a Docker schema 1 manifest (schemaVersion 1), which Relocator does not copy")
          .contains("skopeo copy --format v2s2");
    }
  }
}
