package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relocator.oci.layout.OciLayout;
import dev.relocator.registry.RegistryClient;
import dev.relocator.registry.RegistryEndpoints;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.testing.Cosign;
import dev.relocator.registry.testing.RawRegistry;
import dev.relocator.registry.testing.ReferrersApiRegistry;
import dev.relocator.registry.testing.SignedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The referrers API path, which Debian's docker-registry 2.8 cannot exercise (it has no referrers
 * API): against {@link ReferrersApiRegistry}, a small in-memory fake that has one. Referrers are
 * discovered through the API (no fallback tag exists), and pushed to a target that answers
 * {@code OCI-Subject}, where no fallback tag is written.
 */
class ReferrersApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "demo/signed";

  @TempDir Path dir;

  private static MirrorResult run(ImageStores stores, MirrorTask task) {
    try (MirrorEngine engine = new MirrorEngine(stores, MirrorOptions.DEFAULT)) {
      return engine.run(List.of(task), MirrorListener.NONE);
    }
  }

  /** Stores that reach {@code registries} over plain HTTP at once (the fake speaks no TLS, and is silent to a probe). */
  private static ImageStores plainHttp(String... registries) {
    RegistryEndpoints endpoints = RegistryEndpoints.parse(Arrays.stream(registries).map(r -> r + "=http://" + r).toList());
    RegistryTransport transport = RegistryTransport.builder().build();
    return new ImageStores(host -> RegistryClient.builder(host).transport(transport).endpoints(endpoints)
        .retryPolicy(MirrorFixtures.QUICK).build(), transport);
  }

  @Test
  void referrersFoundThroughTheApiTravelThroughALayoutToARegistryThatIndexesSubjects() throws Exception {
    try (ReferrersApiRegistry source = ReferrersApiRegistry.start();
        ReferrersApiRegistry target = ReferrersApiRegistry.start()) {
      SignedImage image = new SignedImage(Cosign.newKey(), source.hostPort() + "/" + REPO);
      image.push(new RawRegistry(source.hostPort()), REPO, false);
      ImageStores stores = plainHttp(source.hostPort(), target.hostPort());
      Path layout = dir.resolve("layout");
      String name = source.hostPort() + "/" + REPO + ":1.0";

      MirrorResult exported = run(stores, new MirrorTask(ImageLocation.parse(source.hostPort() + "/" + REPO + ":1.0"),
          new ImageLocation.Layout(layout, name)));

      assertThat(exported.failures()).isEmpty();
      assertThat(exported.attachments()).isEqualTo(7);
      assertThat(source.requests()).contains("GET /v2/" + REPO + "/referrers/" + image.index.digest())
          .doesNotContain("GET /v2/" + REPO + "/manifests/" + image.index.tagBase());
      // A layout has no referrers API: it holds the fallback tag index, named beside the image.
      String fallback = source.hostPort() + "/" + REPO + ":" + image.index.tagBase();
      assertThat(OciLayout.open(layout).refNames()).contains(name, fallback, name.replace("1.0", image.index.tagBase() + ".sig"));
      JsonNode index = JSON.readTree(Files.readAllBytes(layout.resolve("blobs/sha256/"
          + OciLayout.open(layout).require(fallback).digest().encoded())));
      assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(image.sbomReferrer.digest());
      assertThat(index.path("manifests").get(0).path("artifactType").asText()).isEqualTo(SignedImage.SPDX_ARTIFACT);

      MirrorResult loaded = run(stores, new MirrorTask(new ImageLocation.Layout(layout, name),
          ImageLocation.parse(target.hostPort() + "/" + REPO + ":1.0")));

      assertThat(loaded.failures()).isEmpty();
      assertThat(loaded.attachments()).isEqualTo(7);
      List<String> manifestPuts = new ArrayList<>();
      target.requests().stream().filter(r -> r.startsWith("PUT ") && r.contains("/manifests/")).forEach(manifestPuts::add);
      assertThat(manifestPuts).contains("PUT /v2/" + REPO + "/manifests/" + image.sbomReferrer.digest(),
              "PUT /v2/" + REPO + "/manifests/" + image.referrerSignature.digest())
          .noneMatch(r -> r.endsWith("/manifests/" + image.index.tagBase()))
          .noneMatch(r -> r.endsWith("/manifests/" + image.sbomReferrer.tagBase()));
      byte[] listed = new RawRegistry(target.hostPort()).get("/v2/" + REPO + "/referrers/" + image.index.digest(),
          "application/vnd.oci.image.index.v1+json").orElseThrow();
      assertThat(JSON.readTree(listed).path("manifests").get(0).path("digest").asText()).isEqualTo(image.sbomReferrer.digest());
    }
  }
}
