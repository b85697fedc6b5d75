package dev.relocator.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.BlobContent;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole-transfer retries of {@link BlobCopier}: what is tried again, and what is not. */
class BlobCopierTest {
  private static final Descriptor BLOB = Descriptor.of("application/vnd.oci.image.layer.v1.tar",
      Digest.parse("sha256:" + "a".repeat(64)), 3);
  private static final MirrorTask TASK = new MirrorTask(
      new ImageLocation.Registry(ImageReference.parse("127.0.0.1:5000/src/app:1.0")),
      new ImageLocation.Registry(ImageReference.parse("127.0.0.1:5001/dst/app:1.0")));

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void aBrokenTransferIsTriedAgainUntilItLands() {
    FakeStore target = new FakeStore("target", new SocketException("Connection reset"));
    BlobCopier copier = new BlobCopier(pool, MirrorOptions.DEFAULT, new MirrorListener() {});

    assertThat(copier.copy(TASK, new FakeStore("source"), target, BLOB).join()).isEqualTo(BlobOutcome.COPIED);
    assertThat(target.pushes).hasValue(2);
    assertThat(copier.copied.sum()).isEqualTo(1);
  }

  @Test
  void aTransferThatKeepsBreakingIsTriedAsOftenAsTheOptionsAllowAndSaysSo() {
    FakeStore target = new FakeStore("target", new SocketException("Connection reset"),
        new SocketException("Connection reset"), new SocketException("Connection reset"));
    BlobCopier copier = new BlobCopier(pool, MirrorOptions.DEFAULT, new MirrorListener() {});

    assertThatThrownBy(() -> copier.copy(TASK, new FakeStore("source"), target, BLOB).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("copy blob " + BLOB.digest() + " from source to target: Connection reset"
            + " (blob transfer attempted 3 times)");
    assertThat(target.pushes).hasValue(MirrorOptions.DEFAULT.blobAttempts());
  }

  @Test
  void aFailureNoRetryMendsIsPassedOnAfterOneAttempt() {
    RegistryUnavailableException unknownHost = RegistryUnavailableException.permanent(
        "upload blob " + BLOB.digest() + ": unknown host registry.invalid", null);
    FakeStore target = new FakeStore("target", unknownHost);
    BlobCopier copier = new BlobCopier(pool, MirrorOptions.DEFAULT, new MirrorListener() {});

    assertThatThrownBy(() -> copier.copy(TASK, new FakeStore("source"), target, BLOB).join())
        .cause().isInstanceOf(RegistryUnavailableException.class)
        .hasMessage("copy blob " + BLOB.digest() + " from source to target: upload blob " + BLOB.digest()
            + ": unknown host registry.invalid")
        .satisfies(e -> assertThat(((RegistryUnavailableException) e).retryable()).isFalse());
    assertThat(target.pushes).hasValue(1);
  }

  /** A store whose blob pushes fail with the given failures, in order, then succeed. */
  private static final class FakeStore implements ImageStore {
    private final String name;
    private final Deque<Exception> failures;
    final AtomicInteger pushes = new AtomicInteger();

    FakeStore(String name, Exception... failures) {
      this.name = name;
      this.failures = new ArrayDeque<>(List.of(failures));
    }

    @Override
    public String describe() {
      return name;
    }

    @Override
    public String storageKey() {
      return name;
    }

    @Override
    public Optional<String> repository() {
      return Optional.of("app");
    }

    @Override
    public Optional<Descriptor> checkManifest(String reference) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Manifest pullManifest(String reference) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Digest> pushManifest(String reference, Manifest manifest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream pullBlob(Digest digest, long size) {
      return InputStream.nullInputStream();
    }

    @Override
    public InputStream pullBlobForCopy(Digest digest, long size) {
      return InputStream.nullInputStream();
    }

    @Override
    public BlobOutcome pushBlob(Digest digest, BlobContent content, Optional<String> mountFrom) throws IOException {
      pushes.incrementAndGet();
      Exception failure;
      synchronized (failures) {
        failure = failures.poll();
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      return BlobOutcome.COPIED;
    }
  }
}
