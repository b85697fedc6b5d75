package dev.relocator.registry.error;

import dev.relocator.image.Digest;

/** Content did not hash to the digest it was addressed by, so it was not stored. */
public final class DigestMismatchException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String where, Digest expected, Digest actual) {
    super(where + ": content hashed to " + actual + ", expected " + expected);
  }
}
