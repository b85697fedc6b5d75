package dev.relocator.image;

import java.util.Optional;

/**
 * A normalised container image reference, parsed exactly as Docker's distribution/reference
 * {@code ParseNormalizedNamed}: {@code nginx} is {@code docker.io/library/nginx}.
 *
 * <p>CONTRACT STUB: the image-reference work item replaces this body; the signatures below are
 * what other packages rely on.
 */
public final class ImageReference {

  private ImageReference() {}

  /** Parses and normalises {@code text}; throws {@link InvalidReferenceException}. */
  public static ImageReference parse(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The canonical registry name, e.g. {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
  public String domain() {
    throw new UnsupportedOperationException();
  }

  /** The repository path below the domain, e.g. {@code library/nginx}. */
  public String path() {
    throw new UnsupportedOperationException();
  }

  /** The full repository name {@code domain/path}, e.g. {@code docker.io/library/nginx}. */
  public String name() {
    throw new UnsupportedOperationException();
  }

  public Optional<String> tag() {
    throw new UnsupportedOperationException();
  }

  public Optional<Digest> digest() {
    throw new UnsupportedOperationException();
  }

  /** The short name Docker shows, e.g. {@code nginx} or {@code quay.io/calico/cni}. */
  public String familiarName() {
    throw new UnsupportedOperationException();
  }

  /** The familiar name with tag and digest, e.g. {@code nginx:1.25}. */
  public String familiarString() {
    throw new UnsupportedOperationException();
  }

  public ImageReference withName(String domain, String path) {
    throw new UnsupportedOperationException();
  }

  public ImageReference withTag(String tag) {
    throw new UnsupportedOperationException();
  }

  public ImageReference withDigest(Digest digest) {
    throw new UnsupportedOperationException();
  }

  public ImageReference withoutTag() {
    throw new UnsupportedOperationException();
  }

  public ImageReference withoutDigest() {
    throw new UnsupportedOperationException();
  }

  /** The canonical form {@code domain/path[:tag][@digest]}; round-trips through {@link #parse}. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException();
  }
}
