package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What discovery asks a source store: each repository's tag list once per run, however many of
 * its images are copied, and again in the next run (attachments added since are found); a
 * verify's finder follows the image's own attachments only.
 */
class AttachmentDiscoveryTest {
  private static final Manifest IMAGE_A = manifest("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
      + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
      + "a".repeat(64) + "\",\"size\":2},\"layers\":[]}");
  private static final Manifest IMAGE_B = manifest("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
      + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
      + "b".repeat(64) + "\",\"size\":2},\"layers\":[]}");

  @Test
  void imagesOfOneRepositoryShareItsTagListForTheRun() {
    FakeStore app = new FakeStore("app");
    FakeStore other = new FakeStore("other");
    Manifest signature = app.tag(AttachmentCopier.fallbackTag(IMAGE_A.digest()) + ".sig", IMAGE_B);
    AttachmentCopier copier = new AttachmentCopier(ReferrersMode.ALL, null, null);

    AttachmentCopier.Discovery first = copier.discover(app, List.of(IMAGE_A.digest()), "test");
    AttachmentCopier.Discovery second = copier.discover(app, List.of(IMAGE_B.digest()), "test");
    copier.discover(other, List.of(IMAGE_A.digest()), "test");

    assertThat(app.tagLists.get()).isEqualTo(1);
    assertThat(other.tagLists.get()).isEqualTo(1);
    // The shared list still finds each image's own attachments.
    assertThat(first.attachments()).extracting(Attachment::digest).containsExactly(signature.digest());
    assertThat(second.attachments()).isEmpty();
  }

  @Test
  void aNewRunListsAgainAndFindsWhatWasAttachedSince() {
    FakeStore app = new FakeStore("app");
    assertThat(new AttachmentCopier(ReferrersMode.ALL, null, null).discover(app, List.of(IMAGE_A.digest()), "test")
        .attachments()).isEmpty();

    app.tag(AttachmentCopier.fallbackTag(IMAGE_A.digest()) + ".sig", IMAGE_B);
    AttachmentCopier.Discovery next =
        new AttachmentCopier(ReferrersMode.ALL, null, null).discover(app, List.of(IMAGE_A.digest()), "test");

    assertThat(app.tagLists.get()).isEqualTo(2);
    assertThat(next.attachments()).extracting(Attachment::name)
        .containsExactly(AttachmentCopier.fallbackTag(IMAGE_A.digest()) + ".sig");
  }

  @Test
  void aFailedTagListIsNotKeptForTheNextImage() {
    FakeStore app = new FakeStore("app");
    app.failNextTagList = true;
    AttachmentCopier copier = new AttachmentCopier(ReferrersMode.ALL, null, null);

    assertThatThrownBy(() -> copier.discover(app, List.of(IMAGE_A.digest()), "test"))
        .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("list tags of app");
    copier.discover(app, List.of(IMAGE_B.digest()), "test");

    assertThat(app.tagLists.get()).isEqualTo(2);
  }

  @Test
  void depthOneFollowsTheImagesOwnAttachmentsOnly() {
    FakeStore app = new FakeStore("app");
    Manifest signature = app.tag(AttachmentCopier.fallbackTag(IMAGE_A.digest()) + ".sig", IMAGE_B);
    // A signature on the signature: followed by a copy, not by a verify of the image's signatures.
    app.tag(AttachmentCopier.fallbackTag(signature.digest()) + ".sig", IMAGE_A);

    assertThat(new AttachmentCopier(ReferrersMode.SIGNATURES, 1, null, null)
        .discover(app, List.of(IMAGE_A.digest()), "test").attachments()).hasSize(1);
    assertThat(new AttachmentCopier(ReferrersMode.SIGNATURES, null, null)
        .discover(app, List.of(IMAGE_A.digest()), "test").attachments()).hasSize(2);
  }

  private static Manifest manifest(String json) {
    return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "test");
  }

  /** A registry repository in memory: tags and manifests; it counts its tag listings. */
  private static final class FakeStore implements ImageStore {
    private final String repository;
    private final Map<String, Manifest> manifests = new HashMap<>();
    private final List<String> tags = new ArrayList<>();
    final AtomicInteger tagLists = new AtomicInteger();
    boolean failNextTagList;

    FakeStore(String repository) {
      this.repository = repository;
    }

    Manifest tag(String tag, Manifest manifest) {
      tags.add(tag);
      manifests.put(tag, manifest);
      manifests.put(manifest.digest().toString(), manifest);
      return manifest;
    }

    @Override
    public List<String> listTags() {
      tagLists.incrementAndGet();
      if (failNextTagList) {
        failNextTagList = false;
        throw RegistryUnavailableException.retryable("list tags of " + repository + ": connection reset", null);
      }
      return List.copyOf(tags);
    }

    @Override
    public String describe() {
      return "fake/" + repository;
    }

    @Override
    public String storageKey() {
      return "fake";
    }

    @Override
    public Optional<String> repository() {
      return Optional.of(repository);
    }

    @Override
    public Optional<Descriptor> checkManifest(String reference) {
      return Optional.ofNullable(manifests.get(reference)).map(Manifest::descriptor);
    }

    @Override
    public Manifest pullManifest(String reference) {
      return Optional.ofNullable(manifests.get(reference)).orElseThrow();
    }

    @Override
    public Optional<Digest> pushManifest(String reference, Manifest manifest) {
      throw new UnsupportedOperationException("discovery only reads");
    }

    @Override
    public InputStream pullBlob(Digest digest, long size) {
      throw new UnsupportedOperationException("discovery reads no blob");
    }

    @Override
    public InputStream pullBlobForCopy(Digest digest, long size) {
      throw new UnsupportedOperationException("discovery reads no blob");
    }

    @Override
    public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) {
      throw new UnsupportedOperationException("discovery only reads");
    }
  }
}
