package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A source blob, re-read from the source on every open, reporting bytes as they stream. Not hashed
 * here: the target verifies the digest as it stores the blob ({@link ImageStore#pushBlob}).
 */
final class CountingBlobContent implements BlobContent {
  private final ImageStore source;
  private final Digest digest;
  private final long size;
  private final LongConsumer onBytes;

  CountingBlobContent(ImageStore source, Digest digest, long size, LongConsumer onBytes) {
    this.source = source;
    this.digest = digest;
    this.size = size;
    this.onBytes = onBytes;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public InputStream open() {
    return new FilterInputStream(source.pullBlobForCopy(digest, size)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          onBytes.accept(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          onBytes.accept(n);
        }
        return n;
      }
    };
  }
}
