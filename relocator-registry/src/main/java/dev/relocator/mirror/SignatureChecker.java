package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.signature.CosignSignatures;
import dev.relocator.signature.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether a relocated image carries a valid cosign signature by one key: on the image's own
 * digest, or, for an index, on every platform manifest (signed separately). Signatures are found as
 * {@code sha256-<hex>.sig} tags and as signature referrers, at the relocated location itself. One
 * checker serves one verify run: it lists each repository's tags once.
 */
public final class SignatureChecker {
  private final ImageStores stores;
  private final CosignSignatures signatures;
  /** The image's own signatures only (depth 1); one tag list per repository for the whole check. */
  private final AttachmentCopier finder = new AttachmentCopier(ReferrersMode.SIGNATURES, 1, null, null);

  public SignatureChecker(ImageStores stores, PublicKey key) {
    this.stores = stores;
    this.signatures = new CosignSignatures(key);
  }

  /** What the check found: signed, or the reasons no signature was accepted. */
  public record Outcome(boolean signed, String how, List<String> problems) {
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  /** Checks the image stored at {@code location} as {@code digest}; registry errors are thrown. */
  public Outcome check(ImageLocation location, Digest digest) {
    ImageStore store = stores.source(location);
    List<String> problems = problems(store, digest, location);
    if (problems.isEmpty()) {
      return new Outcome(true, "signature on " + digest, List.of());
    }
    Manifest manifest = store.pullManifest(digest.toString());
    if (manifest.isIndex() && !manifest.manifests().isEmpty()) {
      List<String> platforms = new ArrayList<>();
      for (Descriptor child : manifest.manifests()) {
        List<String> childProblems = problems(store, child.digest(), location);
        childProblems.forEach(p -> platforms.add(child.optionalPlatform().map(Object::toString).orElse(child.digest().toString())
            + ": " + p));
      }
      if (platforms.isEmpty()) {
        return new Outcome(true, "every platform manifest signed", List.of());
      }
      problems.addAll(platforms);
    }
    return new Outcome(false, "", problems);
  }

  /** Empty when {@code digest} has a valid signature at {@code store}; else why not, per signature. */
  private List<String> problems(ImageStore store, Digest digest, ImageLocation location) {
    String where = "verify signatures of " + location + "@" + digest;
    List<String> problems = new ArrayList<>();
    for (AttachmentCopier.Found found : finder.discover(store, List.of(digest), where).found()) {
      List<Descriptor> layers = CosignSignatures.signatureLayers(found.manifest());
      if (layers.isEmpty()) {
        problems.add(found.attachment().describe() + ": no layer carries a signature annotation");
      }
      for (Descriptor layer : layers) {
        Verdict verdict = signatures.verify(payload(store, layer, where), layer.annotations()
            .get(CosignSignatures.SIGNATURE_ANNOTATION), digest);
        if (verdict.valid()) {
          return List.of();
        }
        problems.add(found.attachment().describe() + ": " + verdict.reason());
      }
    }
    if (problems.isEmpty()) {
      problems.add("no cosign signature (no " + AttachmentCopier.fallbackTag(digest) + ".sig tag, no signature referrer)");
    }
    return problems;
  }

  private static byte[] payload(ImageStore store, Descriptor layer, String where) {
    if (layer.size() > CosignSignatures.MAX_PAYLOAD_BYTES) {
      throw new RegistryException(where + ": payload " + layer.digest() + " has " + layer.size()
          + " bytes; a simple-signing payload has a few hundred");
    }
    try (InputStream in = store.pullBlob(layer.digest(), layer.size())) {
      return in.readAllBytes(); // read to the end: the stream verifies the digest there
    } catch (IOException e) {
      throw new RegistryException(where + ": read payload " + layer.digest() + ": " + e.getMessage(), e);
    }
  }
}
