package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.fromLayout;
import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.image.ImageReference;
import dev.relocator.oci.layout.OciArchive;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci-archive:FILE} as mirror source and target, with skopeo as the independent reader and writer. */
class MirrorArchiveIT {
  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  private static List<MirrorTask> tasks(List<String> names, Path from, boolean fromArchive, Path to, boolean toArchive) {
    List<MirrorTask> tasks = new ArrayList<>();
    for (String name : names) {
      tasks.add(new MirrorTask(new ImageLocation.Layout(from, name, fromArchive), new ImageLocation.Layout(to, name, toArchive)));
    }
    return tasks;
  }

  @Test
  void skopeoReadsTheArchiveRelocatorWrote() {
    TestImages images = TestImages.small(dir.resolve("source"));
    Path bundle = dir.resolve("out/bundle.tar");

    MirrorResult written = run(stores(), tasks(images.names(), images.layout.dir(), false, bundle, true));

    assertThat(written.failures()).isEmpty();
    assertThat(bundle).isRegularFile();
    assertThat(OciArchive.stagingDir(bundle)).doesNotExist();
    for (String name : images.names()) {
      assertThat(Skopeo.rawDigest("oci-archive:" + bundle + ":" + name)).isEqualTo(images.digest(name));
      Path copied = dir.resolve("skopeo-copy");
      Skopeo.copy("oci-archive:" + bundle + ":" + name, "oci:" + copied + ":" + name, "--all", "--preserve-digests");
      assertThat(Skopeo.rawDigest("oci:" + copied + ":" + name)).isEqualTo(images.digest(name));
    }

    MirrorResult again = run(stores(), tasks(images.names(), images.layout.dir(), false, bundle, true));
    assertThat(again.images()).hasSize(3).allMatch(ImageResult::upToDate);
  }

  @Test
  void aRunWithAFailureWritesNoArchiveAndTheNextRunResumesFromTheStagedLayout() {
    TestImages images = TestImages.small(dir.resolve("source"));
    Path bundle = dir.resolve("bundle.tar");
    List<MirrorTask> withMissing = tasks(List.of(TestImages.SINGLE, TestImages.MULTI, "demo/missing:0"),
        images.layout.dir(), false, bundle, true);

    MirrorResult failed = run(stores(), withMissing);

    assertThat(failed.failures()).hasSize(1);
    assertThat(bundle).doesNotExist();
    assertThat(OciArchive.stagingDir(bundle)).isDirectory();

    MirrorResult resumed = run(stores(), tasks(images.names(), images.layout.dir(), false, bundle, true));
    assertThat(resumed.failures()).isEmpty();
    assertThat(resumed.images().stream().filter(ImageResult::upToDate).count()).isEqualTo(2);
    assertThat(OciArchive.open(bundle).refNames())
        .containsExactlyInAnyOrder(TestImages.SINGLE, TestImages.MULTI, TestImages.OTHER);
    assertThat(OciArchive.stagingDir(bundle)).doesNotExist();
  }

  @Test
  void relocatorReadsTheArchiveSkopeoWrote() {
    TestImages images = TestImages.small(dir.resolve("source"));
    Path bundle = dir.resolve("skopeo.tar");
    Skopeo.copy("oci:" + images.layout.dir() + ":" + TestImages.MULTI, "oci-archive:" + bundle + ":" + TestImages.MULTI,
        "--all", "--preserve-digests");
    assertThat(OciArchive.open(bundle).refNames()).containsExactly(TestImages.MULTI);

    Path out = dir.resolve("out");
    MirrorResult read = run(stores(), tasks(List.of(TestImages.MULTI), bundle, true, out, false));

    assertThat(read.failures()).isEmpty();
    assertThat(read.images()).allMatch(ImageResult::digestPreserved);
    assertThat(Skopeo.rawDigest("oci:" + out + ":" + TestImages.MULTI)).isEqualTo(images.digest(TestImages.MULTI));
  }

  @Test
  void registryToArchiveToRegistryKeepsEveryDigest() throws Exception {
    TestImages images = TestImages.small(dir.resolve("source"));
    Path bundle = dir.resolve("carried/platform.tar");
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      ImageStores stores = stores(a.hostPort(), b.hostPort());
      assertThat(run(stores, fromLayout(images.layout.dir(), images.names(), a.hostPort(), "")).failures()).isEmpty();

      List<MirrorTask> toArchive = new ArrayList<>();
      List<MirrorTask> toB = new ArrayList<>();
      MirrorDestination archive = MirrorDestination.parse("oci-archive:" + bundle);
      MirrorDestination registry = MirrorDestination.parse(b.hostPort() + "/airgap");
      for (String name : images.names()) {
        ImageReference source = ImageReference.parse(a.hostPort() + "/" + name);
        ImageLocation packed = archive.targets(source).get(0);
        toArchive.add(new MirrorTask(new ImageLocation.Registry(source), packed));
        toB.add(new MirrorTask(packed, registry.targets(source).get(0)));
      }
      MirrorResult exported = run(stores, toArchive);
      assertThat(exported.failures()).isEmpty();
      assertThat(exported.images()).allMatch(ImageResult::digestPreserved);
      long size = Files.size(bundle);

      MirrorResult loaded = run(stores, toB);
      assertThat(loaded.failures()).isEmpty();
      assertThat(loaded.images()).allMatch(ImageResult::digestPreserved);
      for (String name : images.names()) {
        assertThat(Skopeo.rawDigest("docker://" + b.hostPort() + "/airgap/" + name,
            "--tls-verify=false")).isEqualTo(images.digest(name));
      }
      assertThat(Files.size(bundle)).isEqualTo(size); // read in place, never rewritten
    }
  }
}
