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

  /**
   * The canonical text {@code domain/path[:tag][@digest]}; every part is a range of it, so a
   * canonical input is kept without copying and equality is one string comparison (the grammar
   * makes the canonical text unambiguous).
   */
  private final String canonical;
  /** Index of the '/' after the domain. */
  private final int domainEnd;
  /** End of the path: the length, ':' before the tag, or '@' before the digest. */
  private final int pathEnd;
  /** End of the tag, equal to {@link #pathEnd} when there is none. */
  private final int tagEnd;
  /** The digest's algorithm, or null when there is no digest. */
  private final DigestAlgorithm digestAlgorithm;

  // Views built on first use; racy but safe, as String and Digest are immutable.
  private String domain;
  private String path;
  private Digest digest;

  ImageReference(String canonical, int domainEnd, int pathEnd, int tagEnd, DigestAlgorithm digestAlgorithm) {
    this.canonical = canonical;
    this.domainEnd = domainEnd;
    this.pathEnd = pathEnd;
    this.tagEnd = tagEnd;
    this.digestAlgorithm = digestAlgorithm;
  }

  /** Assembles a reference from validated, normalised parts. */
  private static ImageReference of(String domain, String path, String tag, Digest digest) {
    StringBuilder out = new StringBuilder(domain.length() + path.length() + 80)
        .append(domain).append('/').append(path);
    int pathEnd = out.length();
    if (tag != null) {
      out.append(':').append(tag);
    }
    int tagEnd = out.length();
    if (digest != null) {
      out.append('@').append(digest);
    }
    ImageReference ref = new ImageReference(
        out.toString(), domain.length(), pathEnd, tagEnd, digest == null ? null : digest.algorithmValue());
    ref.domain = domain;
    ref.path = path;
    ref.digest = digest;
    return ref;
  }

  /** Parses and normalises {@code text}; throws {@link InvalidReferenceException}. */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    return ReferenceParser.parse(text);
  }

  /**
   * The reference in a document's field {@code field} (such as {@code map[0].from}), for readers
   * that report problems by field, as the ImageMap controller and the map writer both do: the one
   * place such a field is read, so both say the same.
   *
   * @throws IllegalArgumentException {@code FIELD: is required} for null or blank text, else
   *     {@code FIELD: } and the parse error
   */
  public static ImageReference parseField(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
    try {
      return parse(text);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /** The canonical registry name, e.g. {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
  public String domain() {
    String d = domain;
    if (d == null) {
      d = canonical.substring(0, domainEnd);
      domain = d;
    }
    return d;
  }

  /** The repository path below the domain, e.g. {@code library/nginx}. */
  public String path() {
    String p = path;
    if (p == null) {
      p = canonical.substring(domainEnd + 1, pathEnd);
      path = p;
    }
    return p;
  }

  /** The full repository name {@code domain/path}, e.g. {@code docker.io/library/nginx}. */
  public String name() {
    return canonical.substring(0, pathEnd);
  }

  /** The tag as written, if any; never defaulted to {@code latest}. */
  public Optional<String> tag() {
    return Optional.ofNullable(tagOrNull());
  }

  private String tagOrNull() {
    return tagEnd == pathEnd ? null : canonical.substring(pathEnd + 1, tagEnd);
  }

  /** The digest, if the reference pins one. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digestOrNull());
  }

  private Digest digestOrNull() {
    Digest d = digest;
    if (d == null && digestAlgorithm != null) {
      d = Digest.ofValidated(digestAlgorithm, canonical.substring(tagEnd + 1));
      digest = d;
    }
    return d;
  }

  /**
   * The short name Docker shows, e.g. {@code nginx} or {@code quay.io/calico/cni}: upstream's
   * {@code FamiliarName}, except where that short form would parse as a different image ({@code
   * docker.io/example.com/app} would become the registry {@code example.com}, {@code
   * docker.io/library/<64 hex>} an image ID); then the full name is kept.
   */
  public String familiarName() {
    if (!isDockerHub()) {
      return name();
    }
    String path = path();
    String prefix = ReferenceParser.OFFICIAL_PREFIX;
    // Upstream strips "library/" only when nothing nested follows ("library/a/b" stays).
    String shortName = path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0
        ? path.substring(prefix.length())
        : path;
    return ReferenceParser.readsAsDockerHubPath(shortName) ? shortName : name();
  }

  /** The familiar name with tag and digest, e.g. {@code nginx:1.25}. */
  public String familiarString() {
    String familiar = familiarName();
    return familiar.length() == pathEnd ? canonical : familiar + canonical.substring(pathEnd);
  }

  private boolean isDockerHub() {
    return domainEnd == ReferenceParser.DEFAULT_DOMAIN.length()
        && canonical.startsWith(ReferenceParser.DEFAULT_DOMAIN);
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
    if (named.pathEnd != named.canonical.length()) {
      throw new InvalidReferenceException(input, "repository path must not carry a tag or digest");
    }
    String expected = domain.equals(ReferenceParser.LEGACY_DEFAULT_DOMAIN) ? ReferenceParser.DEFAULT_DOMAIN : domain;
    if (!named.domain().equals(expected)) {
      throw new InvalidReferenceException(input, "registry host \"" + domain
          + "\" would be read as a Docker Hub namespace; use a host with a '.' or a port, or localhost");
    }
    return of(named.domain(), named.path(), tagOrNull(), digestOrNull());
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
    return of(domain(), path(), tag, digestOrNull());
  }

  /** This reference pinned to {@code digest} (replacing any digest), keeping the tag. */
  public ImageReference withDigest(Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return of(domain(), path(), tagOrNull(), digest);
  }

  /** This reference without its tag. */
  public ImageReference withoutTag() {
    return tagEnd == pathEnd ? this : of(domain(), path(), null, digestOrNull());
  }

  /** This reference without its digest. */
  public ImageReference withoutDigest() {
    return digestAlgorithm == null ? this : of(domain(), path(), tagOrNull(), null);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof ImageReference && ((ImageReference) o).canonical.equals(canonical));
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** The canonical form {@code domain/path[:tag][@digest]}; round-trips through {@link #parse}. */
  @Override
  public String toString() {
    return canonical;
  }
}
