package dev.relocator.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Blob bytes that can be read again from the start, so a failed upload can be retried. */
public interface BlobContent {
  long size();

  /** A new stream over the whole blob; the caller closes it. */
  InputStream open() throws IOException;

  /** A blob held in memory (a manifest-sized one; large blobs are read from where they lie). */
  static BlobContent ofBytes(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new BlobContent() {
      @Override
      public long size() {
        return copy.length;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(copy);
      }
    };
  }
}
