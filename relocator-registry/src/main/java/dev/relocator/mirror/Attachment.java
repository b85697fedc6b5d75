package dev.relocator.mirror;

import dev.relocator.image.Digest;
import java.util.Objects;

/**
 * An artifact carried with a copied image: a cosign tag ({@code sha256-<hex>.sig}, {@code .att},
 * {@code .sbom}) or an OCI 1.1 referrer, with the digest it has in both places.
 *
 * @param name the tag of a {@link Kind#TAG}; the artifact type of a {@link Kind#REFERRER} (empty
 *     when it states none)
 * @param subject the digest of the manifest it is attached to (an image's, or a referrer's)
 */
public record Attachment(Kind kind, String name, Digest digest, Digest subject) {
  /** How an attachment is found: by cosign's tag scheme, or as a referrer of its subject. */
  public enum Kind {
    TAG,
    REFERRER
  }

  public Attachment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    name = name == null ? "" : name;
  }

  /** {@code tag sha256-….sig sha256:…} or {@code referrer TYPE sha256:…}. */
  public String describe() {
    return (kind == Kind.TAG ? "tag " : "referrer ") + (name.isEmpty() ? "(no artifactType)" : name) + " " + digest;
  }
}
