package dev.relocator.registry;

import java.io.IOException;
import java.io.InputStream;

/** Blob bytes that can be read again from the start, so a failed upload can be retried. */
public interface BlobContent {
  long size();

  /** A new stream over the whole blob; the caller closes it. */
  InputStream open() throws IOException;
}
