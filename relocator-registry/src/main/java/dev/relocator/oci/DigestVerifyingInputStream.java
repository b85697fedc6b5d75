package dev.relocator.oci;

import dev.relocator.image.Digest;
import dev.relocator.registry.error.DigestMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what passes through and, at the end of the stream, fails with an {@link IOException}
 * naming both digests unless the content matched its digest and size, so a corrupt blob is never
 * committed. A size-only instance ({@link #sizeOnly}) counts without hashing, for a copy whose
 * receiver verifies the digest itself.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final String where;
  private final MessageDigest hash;
  private long count;
  private boolean verified;

  /** Verifies {@code in} against {@code expected}; {@code expectedSize} -1 when unknown. */
  public DigestVerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where) {
    this(in, expected, expectedSize, where, true);
  }

  private DigestVerifyingInputStream(InputStream in, Digest expected, long expectedSize, String where, boolean hashed) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.where = where;
    this.hash = hashed ? expected.newMessageDigest() : null;
  }

  /**
   * Checks only that {@code in} holds exactly {@code expectedSize} bytes (-1: anything). For bytes
   * on their way to a store that hashes them anyway: hashing here too would double the CPU cost.
   */
  public static DigestVerifyingInputStream sizeOnly(InputStream in, Digest expected, long expectedSize, String where) {
    return new DigestVerifyingInputStream(in, expected, expectedSize, where, false);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      if (hash != null) {
        hash.update((byte) b);
      }
      count++;
      checkLength();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      verify();
    } else {
      if (hash != null) {
        hash.update(buffer, offset, n);
      }
      count += n;
      checkLength();
    }
    return n;
  }

  private void checkLength() throws IOException {
    if (expectedSize >= 0 && count > expectedSize) {
      throw new IOException(where + ": blob " + expected + " is longer than its " + expectedSize + " bytes");
    }
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would defeat digest verification");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    verified = true;
    if (expectedSize >= 0 && count != expectedSize) {
      throw new IOException(where + ": blob " + expected + " ended after " + count + " of " + expectedSize + " bytes");
    }
    if (hash == null) {
      return;
    }
    Digest actual = Digest.ofHash(expected.algorithm(), hash.digest());
    if (!actual.equals(expected)) {
      throw new IOException(new DigestMismatchException(where, expected, actual).getMessage());
    }
  }
}
