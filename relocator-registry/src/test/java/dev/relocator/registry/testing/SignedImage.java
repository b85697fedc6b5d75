package dev.relocator.registry.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed two-platform image with everything a supply chain attaches, built without Relocator's
 * code: the index and each platform manifest signed separately ({@code .sig}), an attestation
 * ({@code .att}) and an SBOM ({@code .sbom}) of the index, an OCI 1.1 referrer (an SPDX SBOM with
 * {@code subject} and {@code artifactType}), a cosign signature stored as a referrer of that
 * referrer, and the two fallback tag indexes ({@code sha256-<hex>}) a registry without the
 * referrers API holds them in. A Helm chart artifact too.
 */
public final class SignedImage {
  public static final String TAG = "1.0";
  public static final String SPDX_ARTIFACT = "application/spdx+json";
  public static final String EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  public static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  public final KeyPair key;
  public final Document amd64;
  public final Document arm64;
  public final Document index;
  /** cosign tags of the index and both platforms: tag -> manifest. */
  public final Map<String, Document> cosignTags = new LinkedHashMap<>();
  /** The OCI 1.1 SBOM referrer of the index, and the signature referring to it. */
  public final Document sbomReferrer;
  public final Document referrerSignature;
  /** Fallback tag -> referrers index, as a registry without the referrers API holds them. */
  public final Map<String, Document> fallbackTags = new LinkedHashMap<>();
  private final List<Document> blobs = new ArrayList<>();

  /** Builds it signed by {@code key}, its payloads naming {@code reference} (the source repository). */
  public SignedImage(KeyPair key, String reference) {
    this(key, reference, 0);
  }

  /** Built from layers drawn from {@code seed}: images of different seeds have different digests. */
  public SignedImage(KeyPair key, String reference, int seed) {
    this.key = key;
    amd64 = image("amd64", 11 + 100L * seed);
    arm64 = image("arm64", 12 + 100L * seed);
    index = Document.json(OciImageBuilder.INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OciImageBuilder.INDEX
        + "\",\"manifests\":[" + amd64.descriptor(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}") + ","
        + arm64.descriptor(",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}") + "]}");
    for (Document signed : List.of(index, amd64, arm64)) {
      cosignTags.put(signed.tagBase() + ".sig", signature(reference, signed.digest()));
    }
    Document envelope = blob(Cosign.attestation(key.getPrivate(), reference, index.digest()));
    cosignTags.put(index.tagBase() + ".att", Cosign.manifest(blob(Cosign.config(envelope)), envelope,
        "\"predicateType\":\"https://slsa.dev/provenance/v0.2\"", ""));
    Document spdx = blob(Document.json(Cosign.SPDX, "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"" + reference + "\"}"));
    cosignTags.put(index.tagBase() + ".sbom", Cosign.manifest(blob(Cosign.config(spdx)), spdx, "", ""));

    Document empty = blob(Document.json(EMPTY, "{}"));
    Document sbom = blob(Document.json(SPDX_ARTIFACT, "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[]}"));
    sbomReferrer = Document.json(Cosign.MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + Cosign.MANIFEST
        + "\",\"artifactType\":\"" + SPDX_ARTIFACT + "\",\"config\":" + empty.descriptor() + ",\"layers\":["
        + sbom.descriptor() + "],\"subject\":" + index.descriptor()
        + ",\"annotations\":{\"org.opencontainers.image.created\":\"2026-12-07T00:00:00Z\"}}");
    Document payload = blob(Cosign.payload(reference, sbomReferrer.digest()));
    referrerSignature = Document.json(Cosign.MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + Cosign.MANIFEST
        + "\",\"artifactType\":\"" + Cosign.SIGNATURE_ARTIFACT + "\",\"config\":" + empty.descriptor() + ",\"layers\":["
        + payload.descriptor(",\"annotations\":{\"" + Cosign.SIGNATURE_ANNOTATION + "\":\""
            + Cosign.sign(key.getPrivate(), payload.bytes()) + "\"}") + "],\"subject\":" + sbomReferrer.descriptor() + "}");
    fallbackTags.put(index.tagBase(), referrersIndex(sbomReferrer, SPDX_ARTIFACT,
        ",\"annotations\":{\"org.opencontainers.image.created\":\"2026-12-07T00:00:00Z\"}"));
    fallbackTags.put(sbomReferrer.tagBase(), referrersIndex(referrerSignature, Cosign.SIGNATURE_ARTIFACT, ""));
  }

  /** A cosign {@code .sig} manifest: the payload for {@code digest} as layer, signed in its annotation. */
  public Document signature(String reference, String digest) {
    Document payload = blob(Cosign.payload(reference, digest));
    return signatureManifest(payload, Cosign.sign(key.getPrivate(), payload.bytes()));
  }

  /** A {@code .sig} manifest over {@code payload} with {@code signature} as given (good or not). */
  public Document signatureManifest(Document payload, String signature) {
    blob(payload);
    return Cosign.manifest(blob(Cosign.config(payload)), payload,
        "\"" + Cosign.SIGNATURE_ANNOTATION + "\":\"" + signature + "\"", "");
  }

  private static Document referrersIndex(Document referrer, String artifactType, String annotations) {
    return Document.json(OciImageBuilder.INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OciImageBuilder.INDEX
        + "\",\"manifests\":[" + referrer.descriptor(",\"artifactType\":\"" + artifactType + "\"" + annotations) + "]}");
  }

  private Document image(String architecture, long seed) {
    byte[] bytes = new byte[4096];
    new java.util.SplittableRandom(seed).nextBytes(bytes);
    Document layer = blob(new Document(OciImageBuilder.LAYER, bytes));
    Document config = blob(Document.json(OciImageBuilder.CONFIG, "{\"architecture\":\"" + architecture
        + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.digest() + "\"]}}"));
    return Document.json(OciImageBuilder.MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + OciImageBuilder.MANIFEST
        + "\",\"config\":" + config.descriptor() + ",\"layers\":[" + layer.descriptor() + "]}");
  }

  private Document blob(Document document) {
    blobs.add(document);
    return document;
  }

  /** Every manifest and tag, as skopeo should find them after a faithful copy: reference -> digest. */
  public Map<String, String> references() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(TAG, index.digest());
    for (Document d : List.of(amd64, arm64, sbomReferrer, referrerSignature)) {
      all.put(d.digest(), d.digest());
    }
    cosignTags.forEach((tag, d) -> all.put(tag, d.digest()));
    return all;
  }

  /** Pushes all of it into {@code repository}: blobs, platform manifests, the index as {@link #TAG}, the rest. */
  public void push(RawRegistry registry, String repository) {
    push(registry, repository, true);
  }

  /** Pushes all of it; without the fallback tags when {@code fallbackTags} is false (a registry with the API). */
  public void push(RawRegistry registry, String repository, boolean fallbackTags) {
    blobs.forEach(b -> registry.pushBlob(repository, b));
    registry.pushManifest(repository, amd64.digest(), amd64);
    registry.pushManifest(repository, arm64.digest(), arm64);
    registry.pushManifest(repository, TAG, index);
    cosignTags.forEach((tag, manifest) -> registry.pushManifest(repository, tag, manifest));
    registry.pushManifest(repository, sbomReferrer.digest(), sbomReferrer);
    registry.pushManifest(repository, referrerSignature.digest(), referrerSignature);
    if (fallbackTags) {
      this.fallbackTags.forEach((tag, manifest) -> registry.pushManifest(repository, tag, manifest));
    }
  }

  /** A Helm chart as {@code helm push} stores it, pushed into {@code repository} as {@code tag}. */
  public static Document pushHelmChart(RawRegistry registry, String repository, String tag) {
    Document config = Document.json(HELM_CONFIG, "{\"name\":\"demo\",\"version\":\"0.1.0\",\"apiVersion\":\"v2\"}");
    Document chart = new Document(HELM_CHART, "pretend this is demo-0.1.0.tgz".getBytes(StandardCharsets.UTF_8));
    Document manifest = Document.json(Cosign.MANIFEST, "{\"schemaVersion\":2,\"config\":" + config.descriptor()
        + ",\"layers\":[" + chart.descriptor() + "],\"annotations\":{\"org.opencontainers.image.title\":\"demo\"}}");
    registry.pushBlob(repository, config);
    registry.pushBlob(repository, chart);
    registry.pushManifest(repository, tag, manifest);
    return manifest;
  }
}
