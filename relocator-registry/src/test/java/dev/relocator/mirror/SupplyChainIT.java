package dev.relocator.mirror;

import static dev.relocator.mirror.MirrorFixtures.stores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.Platform;
import dev.relocator.registry.testing.Cosign;
import dev.relocator.registry.testing.Document;
import dev.relocator.registry.testing.FaultProxy;
import dev.relocator.registry.testing.RawRegistry;
import dev.relocator.registry.testing.RegistryServer;
import dev.relocator.registry.testing.SignedImage;
import dev.relocator.registry.testing.Skopeo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures, attestations, SBOMs, OCI 1.1 referrers and Helm charts carried by the copy engine
 * between Debian's docker-registry 2.8 instances (which have no referrers API, so referrers travel
 * through the fallback tag), layouts and archives; skopeo reads every digest independently, and
 * the copied signatures are verified with the JDK alone.
 */
class SupplyChainIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "demo/signed";

  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, MirrorOptions options, List<MirrorTask> tasks) {
    try (MirrorEngine engine = new MirrorEngine(stores, options)) {
      return engine.run(tasks, MirrorListener.NONE);
    }
  }

  private static MirrorTask task(String from, String to) {
    return new MirrorTask(ImageLocation.parse(from), ImageLocation.parse(to));
  }

  private static String raw(String hostPort, String repository, String reference) {
    return Skopeo.rawDigest("docker://" + hostPort + "/" + repository + (reference.startsWith("sha256:") ? "@" : ":")
        + reference, "--tls-verify=false");
  }

  /** Every manifest and tag of the fixture is at {@code repository}, with the source's digest. */
  private static void assertCarried(SignedImage image, String hostPort, String repository) {
    image.references().forEach((reference, digest) ->
        assertThat(raw(hostPort, repository, reference)).as(reference).isEqualTo(digest));
  }

  /** The fallback tag index of {@code subject} at the target lists {@code referrer}. */
  private static JsonNode fallbackIndex(RawRegistry registry, String repository, Document subject) throws Exception {
    byte[] bytes = registry.get("/v2/" + repository + "/manifests/" + subject.tagBase(),
        "application/vnd.oci.image.index.v1+json").orElseThrow(() -> new AssertionError("no fallback tag " + subject.tagBase()));
    return JSON.readTree(bytes);
  }

  /** The signature of {@code signed} at {@code repository}, checked with the JDK against the relocated digest. */
  private static void assertSignatureVerifies(SignedImage image, RawRegistry registry, String hostPort, String repository,
      Document signed) throws Exception {
    JsonNode manifest = JSON.readTree(Skopeo.raw("docker://" + hostPort + "/" + repository + ":" + signed.tagBase() + ".sig",
        "--tls-verify=false"));
    JsonNode layer = manifest.path("layers").get(0);
    byte[] payload = registry.get("/v2/" + repository + "/blobs/" + layer.path("digest").asText(), "*/*").orElseThrow();
    String signature = layer.path("annotations").path(Cosign.SIGNATURE_ANNOTATION).asText();
    assertThat(Cosign.verify(image.key.getPublic(), payload, signature)).isTrue();
    assertThat(JSON.readTree(payload).path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(signed.digest());
    assertThat(raw(hostPort, repository, signed.digest())).isEqualTo(signed.digest());
  }

  @Test
  void aSignedMultiArchImageWithAttestationsSbomAndReferrersRelocatesAcrossRegistryArchiveRegistry() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      SignedImage image = new SignedImage(Cosign.newKey(), a.hostPort() + "/" + REPO);
      image.push(new RawRegistry(a.hostPort()), REPO);
      ImageStores stores = stores(a.hostPort(), b.hostPort());
      ImageReference source = ImageReference.parse(a.hostPort() + "/" + REPO + ":" + SignedImage.TAG);
      Path bundle = dir.resolve("bundle.tar");
      ImageLocation packed = MirrorDestination.parse("oci-archive:" + bundle).targets(source).get(0);
      ImageLocation relocated = MirrorDestination.parse(b.hostPort() + "/airgap").targets(source).get(0);

      MirrorResult exported = run(stores, MirrorOptions.DEFAULT, List.of(new MirrorTask(new ImageLocation.Registry(source), packed)));
      assertThat(exported.failures()).isEmpty();
      // Three signatures, the attestation, the SBOM, the referrer and the signature on it.
      assertThat(exported.attachments()).isEqualTo(7);
      assertThat(exported.summary()).contains("7 attached artifacts carried");
      for (Map.Entry<String, String> tag : Map.of(SignedImage.TAG, image.index.digest(),
          image.index.tagBase() + ".sig", image.cosignTags.get(image.index.tagBase() + ".sig").digest(),
          image.index.tagBase(), image.fallbackTags.get(image.index.tagBase()).digest()).entrySet()) {
        assertThat(Skopeo.rawDigest("oci-archive:" + bundle + ":" + a.hostPort() + "/" + REPO + ":" + tag.getKey()))
            .as(tag.getKey()).isEqualTo(tag.getValue());
      }

      MirrorResult loaded = run(stores, MirrorOptions.DEFAULT, List.of(new MirrorTask(packed, relocated)));
      assertThat(loaded.failures()).isEmpty();
      assertThat(loaded.attachments()).isEqualTo(7);
      assertCarried(image, b.hostPort(), "airgap/" + REPO);
      RawRegistry target = new RawRegistry(b.hostPort());
      // docker-registry has no referrers API: the fallback tags travelled as they were, digests kept.
      image.fallbackTags.forEach((tag, index) -> assertThat(raw(b.hostPort(), "airgap/" + REPO, tag)).isEqualTo(index.digest()));
      for (Document signed : List.of(image.index, image.amd64, image.arm64)) {
        assertSignatureVerifies(image, target, b.hostPort(), "airgap/" + REPO, signed);
      }

      MirrorResult again = run(stores, MirrorOptions.DEFAULT, List.of(new MirrorTask(packed, relocated)));
      assertThat(again.images()).allMatch(ImageResult::upToDate);
      assertThat(again.attachments()).isEqualTo(7);
      assertThat(again.bytesCopied()).isZero();
    }
  }

  @Test
  void aReRunReadsNoReferrerManifestTheTargetHoldsAndListsTheSourcesTagsOnce() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start();
        FaultProxy source = FaultProxy.faithful(a.baseUri())) {
      SignedImage image = new SignedImage(Cosign.newKey(), a.hostPort() + "/" + REPO);
      image.push(new RawRegistry(a.hostPort()), REPO);
      MirrorTask task = task(source.hostPort() + "/" + REPO + ":" + SignedImage.TAG,
          b.hostPort() + "/" + REPO + ":" + SignedImage.TAG);
      assertThat(run(stores(source.hostPort(), b.hostPort()), MirrorOptions.DEFAULT, List.of(task)).attachments())
          .isEqualTo(7);
      int before = source.requestLog().size();

      MirrorResult again = run(stores(source.hostPort(), b.hostPort()), MirrorOptions.DEFAULT, List.of(task));

      assertThat(again.failures()).isEmpty();
      assertThat(again.images()).allMatch(ImageResult::upToDate);
      assertThat(again.attachments()).isEqualTo(7);
      assertCarried(image, b.hostPort(), REPO);
      List<String> requests = source.requestLog().subList(before, source.requestLog().size());
      // The two referrers are listed with their digests in the fallback indexes and the target
      // holds them: their manifests are not read again (cosign tags are read by tag, to learn
      // their digests). One tag list serves the image and every level of its attachments.
      assertThat(requests).filteredOn(r -> r.startsWith("GET ") && r.contains("/manifests/sha256:")).isEmpty();
      assertThat(requests).filteredOn(r -> r.contains("/tags/list")).hasSize(1);
    }
  }

  @Test
  void referrersAreAddedToTheTargetsFallbackIndexKeepingItsEntries() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      SignedImage image = new SignedImage(Cosign.newKey(), a.hostPort() + "/" + REPO);
      image.push(new RawRegistry(a.hostPort()), REPO);
      RawRegistry target = new RawRegistry(b.hostPort());
      // The target already lists a referrer of its own for the image.
      Document empty = Document.json(SignedImage.EMPTY, "{}");
      Document text = new Document("text/plain", "reviewed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Document note = Document.json(Cosign.MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + Cosign.MANIFEST
          + "\",\"artifactType\":\"application/vnd.example.note\",\"config\":" + empty.descriptor() + ",\"layers\":["
          + text.descriptor() + "]}");
      target.pushBlob(REPO, empty);
      target.pushBlob(REPO, text);
      target.pushManifest(REPO, note.digest(), note);
      target.pushManifest(REPO, image.index.tagBase(), Document.json("application/vnd.oci.image.index.v1+json",
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
              + note.descriptor(",\"artifactType\":\"application/vnd.example.note\"") + "]}"));

      MirrorResult result = run(stores(a.hostPort(), b.hostPort()), MirrorOptions.DEFAULT,
          List.of(task(a.hostPort() + "/" + REPO + ":1.0", b.hostPort() + "/" + REPO + ":1.0")));

      assertThat(result.failures()).isEmpty();
      JsonNode index = fallbackIndex(target, REPO, image.index);
      List<String> digests = new ArrayList<>();
      index.path("manifests").forEach(e -> digests.add(e.path("digest").asText()));
      assertThat(digests).containsExactly(note.digest(), image.sbomReferrer.digest());
      assertThat(index.path("manifests").get(1).path("artifactType").asText()).isEqualTo(SignedImage.SPDX_ARTIFACT);
      assertThat(index.path("manifests").get(1).path("annotations").path("org.opencontainers.image.created").asText())
          .isEqualTo("2026-12-07T00:00:00Z");
      assertThat(raw(b.hostPort(), REPO, image.referrerSignature.digest())).isEqualTo(image.referrerSignature.digest());
    }
  }

  @Test
  void signaturesModeCarriesOnlySignaturesAndNoneCarriesNothing() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      SignedImage image = new SignedImage(Cosign.newKey(), a.hostPort() + "/" + REPO);
      image.push(new RawRegistry(a.hostPort()), REPO);
      ImageStores stores = stores(a.hostPort(), b.hostPort());

      MirrorResult signatures = run(stores, MirrorOptions.DEFAULT.withReferrers(ReferrersMode.SIGNATURES),
          List.of(task(a.hostPort() + "/" + REPO + ":1.0", b.hostPort() + "/signatures/" + REPO + ":1.0")));
      MirrorResult none = run(stores, MirrorOptions.DEFAULT.withReferrers(ReferrersMode.NONE),
          List.of(task(a.hostPort() + "/" + REPO + ":1.0", b.hostPort() + "/none/" + REPO + ":1.0")));

      assertThat(signatures.failures()).isEmpty();
      assertThat(signatures.images().get(0).attachments()).extracting(Attachment::name).containsExactlyInAnyOrder(
          image.index.tagBase() + ".sig", image.amd64.tagBase() + ".sig", image.arm64.tagBase() + ".sig");
      RawRegistry target = new RawRegistry(b.hostPort());
      assertThat(target.get("/v2/signatures/" + REPO + "/manifests/" + image.index.tagBase() + ".att", "*/*")).isEmpty();
      assertThat(target.get("/v2/signatures/" + REPO + "/manifests/" + image.index.tagBase(), "*/*")).isEmpty();
      assertThat(none.images().get(0).attachments()).isEmpty();
      assertThat(target.get("/v2/none/" + REPO + "/tags/list", "application/json").map(String::new).orElseThrow())
          .contains("\"1.0\"").doesNotContain("sha256-");
    }
  }

  @Test
  void helmChartsRelocateLikeImagesAndArchSelectsNothingInThem() throws Exception {
    try (RegistryServer a = RegistryServer.builder(dir.resolve("a")).start();
        RegistryServer b = RegistryServer.builder(dir.resolve("b")).start()) {
      RawRegistry source = new RawRegistry(a.hostPort());
      Document chart = SignedImage.pushHelmChart(source, "charts/demo", "0.1.0");
      // An artifact index (it states an artifactType) over the chart: no platforms to select in it.
      Document bundle = Document.json("application/vnd.oci.image.index.v1+json", "{\"schemaVersion\":2,\"mediaType\":"
          + "\"application/vnd.oci.image.index.v1+json\",\"artifactType\":\"application/vnd.example.bundle\",\"manifests\":["
          + chart.descriptor() + "]}");
      source.pushManifest("charts/demo", "bundle", bundle);
      MirrorOptions arm64Only = MirrorOptions.DEFAULT.withPlatforms(List.of(Platform.parse("arm64")));

      MirrorResult result = run(stores(a.hostPort(), b.hostPort()), arm64Only.withConfigPlatforms(true), List.of(
          task(a.hostPort() + "/charts/demo:0.1.0", b.hostPort() + "/mirror/charts/demo:0.1.0"),
          task(a.hostPort() + "/charts/demo:0.1.0", "oci:" + dir.resolve("layout") + ":charts/demo:0.1.0"),
          task(a.hostPort() + "/charts/demo:bundle", b.hostPort() + "/mirror/charts/demo:bundle")));

      assertThat(result.failures()).isEmpty();
      assertThat(result.images()).hasSize(3).allMatch(ImageResult::digestPreserved).allMatch(i -> i.platforms().isEmpty());
      assertThat(raw(b.hostPort(), "mirror/charts/demo", "0.1.0")).isEqualTo(chart.digest());
      assertThat(Skopeo.rawDigest("oci:" + dir.resolve("layout") + ":charts/demo:0.1.0")).isEqualTo(chart.digest());
      assertThat(raw(b.hostPort(), "mirror/charts/demo", "bundle")).isEqualTo(bundle.digest());
    }
  }
}
