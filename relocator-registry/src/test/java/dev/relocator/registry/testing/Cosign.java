package dev.relocator.registry.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * cosign's signature format, made with the JDK alone (Debian's skopeo has sigstore signing patched
 * out): ECDSA P-256 keys, the simple-signing payload, and the {@code .sig} manifest whose layer is
 * the payload with the signature in its annotation, as cosign builds it. Also its {@code .att}
 * (a DSSE envelope) and {@code .sbom}, and the independent check of a signature the tests make.
 */
public final class Cosign {
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String DSSE = "application/vnd.dsse.envelope.v1+json";
  public static final String SPDX = "text/spdx+json";
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  /** The artifact type cosign gives a signature stored as an OCI 1.1 referrer. */
  public static final String SIGNATURE_ARTIFACT = "application/vnd.dev.cosign.artifact.sig.v1+json";

  private Cosign() {}

  public static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as {@code cosign.pub} holds it: PEM of the X.509 SubjectPublicKeyInfo. */
  public static String publicKeyPem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  /** The simple-signing payload cosign signs for {@code reference} at {@code digest}. */
  public static Document payload(String reference, String digest) {
    return Document.json(SIMPLE_SIGNING, "{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference
        + "\"},\"image\":{\"docker-manifest-digest\":\"" + digest
        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}");
  }

  /** Base64 of the DER ECDSA signature over the SHA-256 of {@code bytes}, as cosign writes it. */
  public static String sign(PrivateKey key, byte[] bytes) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      signature.update(bytes);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The independent check: whether {@code base64} is {@code key}'s signature over {@code bytes}. */
  public static boolean verify(PublicKey key, byte[] bytes, String base64) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initVerify(key);
      signature.update(bytes);
      return signature.verify(Base64.getDecoder().decode(base64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The config cosign writes for its single-layer manifests: no platform, one diff id. */
  public static Document config(Document layer) {
    return Document.json(CONFIG, "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.digest()
        + "\"]},\"config\":{}}");
  }

  /** A single-layer manifest as cosign builds it, the layer with {@code annotations} (JSON members). */
  public static Document manifest(Document config, Document layer, String annotations, String extra) {
    return Document.json(MANIFEST, "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
        + config.descriptor() + ",\"layers\":[" + layer.descriptor(annotations.isEmpty() ? ""
        : ",\"annotations\":{" + annotations + "}") + "]" + extra + "}");
  }

  /** A DSSE envelope of an in-toto statement about {@code digest}, signed by {@code key}. */
  public static Document attestation(PrivateKey key, String reference, String digest) {
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
        + "\"subject\":[{\"name\":\"" + reference + "\",\"digest\":{\"sha256\":\"" + digest.substring(7) + "\"}}],"
        + "\"predicate\":{\"builder\":{\"id\":\"relocator-test\"}}}";
    String type = "application/vnd.in-toto+json";
    byte[] body = statement.getBytes(StandardCharsets.UTF_8);
    // DSSE signs its pre-authentication encoding, not the payload alone.
    String pae = "DSSEv1 " + type.length() + " " + type + " " + body.length + " " + statement;
    return Document.json(DSSE, "{\"payloadType\":\"" + type + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(body)
        + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"" + sign(key, pae.getBytes(StandardCharsets.UTF_8)) + "\"}]}");
  }
}
