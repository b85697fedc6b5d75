package dev.relocator.registry;

import dev.relocator.IoErrors;
import dev.relocator.image.Digest;
import dev.relocator.oci.BlobContent;
import dev.relocator.registry.error.RegistryAuthenticationException;
import dev.relocator.registry.error.RegistryNotFoundException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Uploads one blob: {@code POST} then a monolithic {@code PUT}, or {@code PATCH} chunks then
 * {@code PUT}. The {@code POST} may ask to mount the blob instead, which a registry that can
 * answers with 201, and one that cannot with the upload session the content then goes into. A
 * failure mid-session restarts the whole upload from a fresh {@code POST} with the content
 * re-opened, up to the retry policy's attempts.
 */
final class BlobPusher {
  private final RegistryEndpointCaller caller;
  private final long chunkSize;

  BlobPusher(RegistryEndpointCaller caller, long chunkSize) {
    this.caller = caller;
    this.chunkSize = chunkSize;
  }

  /**
   * Uploads {@code content} as blob {@code digest}, unless the registry mounts it from
   * {@code mountFrom} (null: never asked). A restarted attempt asks again, so a blob whose
   * closing {@code PUT} landed before the connection broke is found rather than sent twice.
   */
  BlobPushResult push(String repository, Digest digest, BlobContent content, String mountFrom) {
    String registry = caller.registry();
    RetryPolicy policy = caller.retryPolicy();
    String what = "upload blob " + digest + " to " + registry + "/" + repository;
    for (int attempt = 1; ; attempt++) {
      try {
        BlobUploadStarter.Started started = start(repository, digest, mountFrom);
        if (started.mounted()) {
          return BlobPushResult.MOUNTED;
        }
        URI location = started.location();
        long size = content.size();
        if (chunkSize <= 0 || size <= chunkSize) {
          caller.call(BlobUploadWriter.finish(registry, repository, location, digest, 0, size, () -> open(content)));
          return BlobPushResult.UPLOADED;
        }
        try (InputStream in = open(content)) {
          long offset = 0;
          while (offset < size) {
            long n = Math.min(chunkSize, size - offset);
            Supplier<InputStream> view = () -> new Slice(in, n);
            location = caller.call(BlobUploadWriter.chunk(registry, repository, location, digest, offset, n, view));
            offset += n;
          }
        }
        caller.call(BlobUploadWriter.finish(registry, repository, location, digest, size, 0, InputStream::nullInputStream));
        return BlobPushResult.UPLOADED;
      } catch (RegistryUnavailableException | UncheckedIOException | IOException e) {
        if (e instanceof RegistryUnavailableException r && !r.retryable()) {
          throw r;
        }
        if (attempt >= policy.maxAttempts()) {
          if (e instanceof RegistryUnavailableException r) {
            // The step's own message already says what and where.
            throw new RegistryUnavailableException(r.getMessage() + " (gave up after " + attempt + " attempts)",
                r.status(), r.errors(), r);
          }
          throw RegistryUnavailableException.retryable(what + ": " + reason(e) + " (gave up after " + attempt + " attempts)", e);
        }
        caller.pause(policy.delay(attempt, java.util.Optional.empty()), what);
      }
    }
  }

  /**
   * The upload's first {@code POST}. A registry that will not mount answers the mount request with
   * an upload session, as the distribution spec asks (and is not asked twice); one that refuses
   * the request itself (its parameters, or the pull of the repository to mount from) is asked
   * for a plain upload.
   */
  private BlobUploadStarter.Started start(String repository, Digest digest, String mountFrom) {
    String registry = caller.registry();
    if (mountFrom != null) {
      try {
        return caller.call(new BlobUploadStarter(registry, repository, digest, mountFrom));
      } catch (RegistryRejectedException | RegistryNotFoundException | RegistryAuthenticationException refused) {
        // A plain upload next; should that fail too, its own error says why.
      }
    }
    return caller.call(new BlobUploadStarter(registry, repository, null, null));
  }

  private static InputStream open(BlobContent content) {
    try {
      return content.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next {@code length} bytes of a shared stream; closing it leaves the stream open. */
  private static final class Slice extends FilterInputStream {
    private long left;

    Slice(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The shared stream is closed by the upload that opened it.
    }
  }

  private static String reason(Exception e) {
    if (e instanceof UncheckedIOException unchecked) {
      return IoErrors.reason(unchecked);
    }
    return e instanceof IOException io ? IoErrors.reason(io) : e.getMessage();
  }
}
