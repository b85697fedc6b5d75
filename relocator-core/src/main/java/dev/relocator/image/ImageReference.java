package dev.relocator.image;

import java.util.Objects;
import java.util.Optional;

/**
 * A normalised container image reference, parsed exactly as Docker's distribution/reference
 * {@code ParseNormalizedNamed}: {@code nginx} is {@code docker.io/library/nginx}.
 *
 * <p>Immutable; equal when domain, path, tag and digest are equal. {@link #toString()} is the
 * canonical form and parses back to an equal reference. No {@code latest} tag is ever added.
 */
public final class ImageReference {

  private final String domain;
  private final String path;
  private final String tag;
  private final Digest digest;
  /** Lazily built canonical text; racy but safe, as String's fields are final. */
  private String canonical;

  ImageReference(String domain, String path, String tag, Digest digest, String canonical) {
    this.domain = domain;
    this.path = path;
    this.tag = tag;
    this.digest = digest;
    this.canonical = canonical;
  }

  /** Parses and normalises {@code text}; throws {@link InvalidReferenceException}. */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    return ReferenceParser.parse(text);
  }

  /** The canonical registry name, e.g. {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
  public String domain() {
    return domain;
  }

  /** The repository path below the domain, e.g. {@code library/nginx}. */
  public String path() {
    return path;
  }

  /** The full repository name {@code domain/path}, e.g. {@code docker.io/library/nginx}. */
  public String name() {
    return domain + "/" + path;
  }

  /** The tag as written, if any; never defaulted to {@code latest}. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, if the reference pins one. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The short name Docker shows, e.g. {@code nginx} or {@code quay.io/calico/cni}. */
  public String familiarName() {
    if (!domain.equals(ReferenceParser.DEFAULT_DOMAIN)) {
      return name();
    }
    // Upstream strips "library/" only when nothing nested follows ("library/a/b" stays).
    if (path.startsWith(ReferenceParser.OFFICIAL_PREFIX)
        && path.indexOf('/', ReferenceParser.OFFICIAL_PREFIX.length()) < 0) {
      return path.substring(ReferenceParser.OFFICIAL_PREFIX.length());
    }
    return path;
  }

  /** The familiar name with tag and digest, e.g. {@code nginx:1.25}. */
  public String familiarString() {
    return appendSuffix(new StringBuilder(familiarName())).toString();
  }

  /**
   * The same tag and digest under another repository. {@code domain} must be read as a registry
   * by {@link #parse} (contain a '.' or ':', be {@code localhost}, or have an uppercase letter),
   * so that {@link #toString()} still round-trips; {@code docker.io} paths get upstream's
   * {@code library/} normalisation.
   */
  public ImageReference withName(String domain, String path) {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(path, "path");
    String input = domain + "/" + path;
    ImageReference named = parse(input);
    if (named.tag != null || named.digest != null) {
      throw new InvalidReferenceException(input, "repository path must not carry a tag or digest");
    }
    String expected = domain.equals(ReferenceParser.LEGACY_DEFAULT_DOMAIN) ? ReferenceParser.DEFAULT_DOMAIN : domain;
    if (!named.domain.equals(expected)) {
      throw new InvalidReferenceException(input, "registry host \"" + domain
          + "\" would be read as a Docker Hub namespace; use a host with a '.' or a port, or localhost");
    }
    return new ImageReference(named.domain, named.path, tag, digest, null);
  }

  /** This reference with {@code tag} (replacing any tag), keeping the digest. */
  public ImageReference withTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    int end;
    try {
      end = ReferenceParser.scanTag(tag, 0, tag);
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException("tag", tag, e.reason());
    }
    if (end != tag.length()) {
      throw new InvalidReferenceException("tag", tag, "'@' at position " + (end + 1) + " is not allowed in a tag");
    }
    return new ImageReference(domain, path, tag, digest, null);
  }

  /** This reference pinned to {@code digest} (replacing any digest), keeping the tag. */
  public ImageReference withDigest(Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return new ImageReference(domain, path, tag, digest, null);
  }

  /** This reference without its tag. */
  public ImageReference withoutTag() {
    return tag == null ? this : new ImageReference(domain, path, null, digest, null);
  }

  /** This reference without its digest. */
  public ImageReference withoutDigest() {
    return digest == null ? this : new ImageReference(domain, path, tag, null, null);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference other = (ImageReference) o;
    return domain.equals(other.domain)
        && path.equals(other.path)
        && Objects.equals(tag, other.tag)
        && Objects.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(domain, path, tag, digest);
  }

  /** The canonical form {@code domain/path[:tag][@digest]}; round-trips through {@link #parse}. */
  @Override
  public String toString() {
    String text = canonical;
    if (text == null) {
      text = appendSuffix(new StringBuilder(domain.length() + path.length() + 80)
          .append(domain).append('/').append(path)).toString();
      canonical = text;
    }
    return text;
  }

  private StringBuilder appendSuffix(StringBuilder out) {
    if (tag != null) {
      out.append(':').append(tag);
    }
    if (digest != null) {
      out.append('@').append(digest);
    }
    return out;
  }
}
