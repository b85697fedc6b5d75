package dev.relocator.mirror;

import dev.relocator.signature.CosignSignatures;
import java.util.List;
import java.util.Locale;

/**
 * Which artifacts attached to a copied manifest travel with it ({@code --referrers}): all of
 * them, only signatures, or none.
 */
public enum ReferrersMode {
  ALL,
  SIGNATURES,
  NONE;

  /** cosign's tag suffixes: signatures, attestations, SBOMs. */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /** The artifact types of signatures in a referrers list: cosign's, sigstore bundles, Notation's. */
  static final List<String> SIGNATURE_TYPES = List.of(
      CosignSignatures.SIGNATURE_ARTIFACT,
      "application/vnd.dev.sigstore.bundle.v0.3+json",
      "application/vnd.dev.sigstore.bundle+json;version=0.3",
      "application/vnd.cncf.notary.signature");

  /** Parses {@code all}, {@code signatures} or {@code none}. */
  public static ReferrersMode parse(String text) {
    for (ReferrersMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("invalid referrers mode \"" + text + "\": expected all, signatures or none");
  }

  /** Whether a cosign tag with {@code suffix} ({@code .sig}, {@code .att}, {@code .sbom}) is carried. */
  boolean keepsTag(String suffix) {
    return this == ALL || (this == SIGNATURES && suffix.equals(".sig"));
  }

  /** Whether a referrer of {@code artifactType} (null when it states none) is carried. */
  boolean keepsReferrer(String artifactType) {
    return this == ALL || (this == SIGNATURES && artifactType != null && SIGNATURE_TYPES.contains(artifactType));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
