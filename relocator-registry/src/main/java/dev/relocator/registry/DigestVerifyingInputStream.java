package dev.relocator.registry;

import dev.relocator.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what passes through and, at the end of the stream, fails with an {@link IOException}
 * naming both digests unless the content matched its digest and size, so a corrupt blob is never
 * committed.
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
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.where = where;
    this.hash = expected.newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      hash.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      verify();
    } else {
      hash.update(buffer, offset, n);
      count += n;
      if (expectedSize >= 0 && count > expectedSize) {
        throw new IOException(where + ": blob " + expected + " is longer than its " + expectedSize + " bytes");
      }
    }
    return n;
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
    Digest actual = Digest.ofHash(expected.algorithm(), hash.digest());
    if (!actual.equals(expected)) {
      throw new IOException(new DigestMismatchException(where, expected, actual).getMessage());
    }
  }
}
