package dev.relocator.image;

/**
 * A content digest {@code algorithm:encoded}, e.g. {@code sha256:<64 hex>}.
 *
 * <p>CONTRACT STUB: the image-reference work item replaces this body.
 */
public final class Digest {
  private Digest() {}

  /** Parses {@code sha256:…}, {@code sha512:…}; throws {@link InvalidReferenceException}. */
  public static Digest parse(String text) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The digest of {@code bytes} with sha256. */
  public static Digest sha256(byte[] bytes) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String algorithm() {
    throw new UnsupportedOperationException();
  }

  public String encoded() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String toString() {
    throw new UnsupportedOperationException();
  }
}
