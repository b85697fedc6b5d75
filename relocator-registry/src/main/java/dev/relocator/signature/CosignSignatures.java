package dev.relocator.signature;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.json.SimpleSigningJson;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies cosign signatures made with a key pair, offline: an ECDSA P-256 signature (DER, base64,
 * in the layer annotation {@value #SIGNATURE_ANNOTATION}) over the SHA-256 of the simple-signing
 * payload (the layer), whose {@code critical.image.docker-manifest-digest} must be the image's
 * digest. The payload's {@code docker-reference} names the repository signed, the source, and is
 * not compared: relocation changes it. Keyless signatures (Fulcio certificates, Rekor entries)
 * need the internet and are not verified.
 */
public final class CosignSignatures {
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  /** The artifact type cosign gives a signature stored as an OCI 1.1 referrer. */
  public static final String SIGNATURE_ARTIFACT = "application/vnd.dev.cosign.artifact.sig.v1+json";
  /** Simple-signing payloads are a few hundred bytes; a larger layer is not read. */
  public static final long MAX_PAYLOAD_BYTES = 1 << 20;

  private final PublicKey key;

  public CosignSignatures(PublicKey key) {
    this.key = key;
  }

  /** The layers of a signature manifest that carry a signature, with their payload's descriptor. */
  public static List<Descriptor> signatureLayers(Manifest signatures) {
    return signatures.blobs().stream().skip(1).filter(d -> d.annotations().containsKey(SIGNATURE_ANNOTATION)).toList();
  }

  /** Whether {@code signature} (base64 DER) over {@code payload} is this key's and names {@code image}. */
  public Verdict verify(byte[] payload, String signature, Digest image) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return Verdict.invalid("the signature annotation is not base64");
    }
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(payload);
      if (!ecdsa.verify(der)) {
        return Verdict.invalid("the signature does not verify with the key (another key's, or a changed payload)");
      }
    } catch (java.security.SignatureException e) {
      return Verdict.invalid("the signature is malformed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return Verdict.invalid("cannot verify ECDSA signatures: " + e.getMessage());
    }
    SimpleSigningJson.Payload claims;
    try {
      claims = SimpleSigningJson.read(payload);
    } catch (IOException e) {
      return Verdict.invalid("the signed payload is no simple-signing JSON: " + e.getMessage());
    }
    Optional<String> named = Optional.ofNullable(claims.dockerManifestDigest());
    if (named.isEmpty()) {
      return Verdict.invalid("the signed payload names no critical.image.docker-manifest-digest");
    }
    if (!named.get().equals(image.toString())) {
      return Verdict.invalid("the signed payload names " + named.get() + ", not " + image);
    }
    return Verdict.ok();
  }
}
