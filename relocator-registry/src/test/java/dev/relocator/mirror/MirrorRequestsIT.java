package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.fromLayout;
import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relocator.registry.testing.FaultProxy;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.Skopeo;
import dev.relocator.registry.testing.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a copy makes into a registry, seen by a proxy in front of it: one manifest
 * {@code HEAD} per image (is the target up to date?) and one {@code PUT} per manifest, a second
 * {@code HEAD} only when the registry's push answer does not name the digest it stored; no blob
 * {@code HEAD}: a blob's first request asks to mount it (from the repository itself, the
 * repository it landed in earlier in the run), and the registry answers with the mount or the
 * upload session. A registry that names no digest in its answers (the spec says SHOULD) is read
 * by the manifests' bytes instead.
 */
class MirrorRequestsIT {
  @TempDir Path dir;
  private TestImages images;
  private RegistryServer registry;
  private FaultProxy proxy;

  @BeforeEach
  void start() {
    images = TestImages.small(dir.resolve("source"));
    registry = RegistryServer.builder(dir.resolve("target")).start();
    proxy = FaultProxy.faithful(registry.baseUri());
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void freshCopyAsksOncePerImageAndPushesEachManifestOnce() {
    // One image at a time, so the base layer has landed before the second image needs it (in
    // parallel, images that ask at the same moment each send a HEAD).
    MirrorResult result = copyFaithfully(MirrorOptions.DEFAULT.withJobs(1));

    // demo/multi is an index of two image manifests: five manifests in all.
    assertThat(manifestRequests("PUT")).hasSize(5);
    assertThat(manifestRequests("HEAD")).hasSize(3).noneMatch(path -> path.contains("sha256:"));
    // 9 blobs are streamed and the shared base layer is mounted into the two other repositories
    // since it landed in this run: one POST each, none asked about first.
    assertThat(result.blobsCopied()).isEqualTo(9);
    assertThat(result.blobsMounted()).isEqualTo(2);
    assertThat(requests("HEAD", "/blobs/")).isEmpty();
    assertThat(requests("POST", "/blobs/uploads/")).hasSize(11);
    assertThat(requests("PUT", "/blobs/uploads/")).hasSize(9);
  }

  @Test
  void copyResumedAfterItsBlobsLandedSendsNoBlobAgain() {
    copyFaithfully(MirrorOptions.DEFAULT.withJobs(1));
    // As if interrupted after the blobs and before the manifests: the tags are gone, the blobs stay.
    images.names().forEach(registry::deleteTag);
    int before = proxy.requestLog().size();

    MirrorResult resumed = copyFaithfully(MirrorOptions.DEFAULT.withJobs(1));

    assertThat(resumed.images()).noneMatch(ImageResult::upToDate);
    assertThat(resumed.blobsCopied()).isZero();
    assertThat(resumed.blobsPresent()).isEqualTo(9);
    assertThat(resumed.blobsMounted()).isEqualTo(2);
    List<String> requests = proxy.requestLog().subList(before, proxy.requestLog().size());
    assertThat(requests).filteredOn(r -> r.contains("/blobs/")).allMatch(r -> r.startsWith("POST "));
  }

  @Test
  void registryThatDoesNotNameTheStoredDigestIsAskedAfterThePush() {
    proxy.dropResponseHeaders(Set.of("PUT"), "Docker-Content-Digest");
    copyFaithfully(MirrorOptions.DEFAULT);

    assertThat(manifestRequests("PUT")).hasSize(5);
    assertThat(manifestRequests("HEAD")).hasSize(6).noneMatch(path -> path.contains("sha256:"));
  }

  @Test
  void registryThatNamesNoDigestAtAllIsReadByItsManifestsBytes() {
    proxy.dropResponseHeaders(Set.of("HEAD", "PUT"), "Docker-Content-Digest");
    copyFaithfully(MirrorOptions.DEFAULT);

    int before = proxy.requestLog().size();
    MirrorResult again = copy(MirrorOptions.DEFAULT);
    assertThat(again.failures()).isEmpty();
    assertThat(again.images()).hasSize(3).allMatch(ImageResult::upToDate);
    // Each tag's HEAD named no digest, so its manifest was read to learn it.
    assertThat(proxy.requestLog().subList(before, proxy.requestLog().size()))
        .filteredOn(r -> r.startsWith("GET ") && r.contains("/manifests/")).hasSize(3);
  }

  /**
   * Copies the three images through the proxy and checks them: no failure, every digest kept,
   * and skopeo sees the source's digests, asking the registry itself (skopeo's HTTPS attempt
   * would wait out its timeout on the proxy).
   */
  private MirrorResult copyFaithfully(MirrorOptions options) {
    MirrorResult result = copy(options);
    assertThat(result.failures()).isEmpty();
    assertThat(result.images()).hasSize(3).allMatch(ImageResult::digestPreserved);
    for (String name : images.names()) {
      assertThat(Skopeo.rawDigest("docker://" + registry.hostPort() + "/" + name, "--tls-verify=false"))
          .isEqualTo(images.digest(name));
    }
    return result;
  }

  private MirrorResult copy(MirrorOptions options) {
    try (MirrorEngine engine = new MirrorEngine(stores(proxy.hostPort()), options)) {
      return engine.run(fromLayout(images.layout.dir(), images.names(), proxy.hostPort(), ""), MirrorListener.NONE);
    }
  }

  private List<String> manifestRequests(String method) {
    return requests(method, "/manifests/");
  }

  private List<String> requests(String method, String pathPart) {
    return proxy.requestLog().stream()
        .filter(r -> r.startsWith(method + " ") && r.contains(pathPart))
        .toList();
  }
}
