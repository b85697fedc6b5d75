package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * Brings blobs into target repositories for one run, on a bounded pool. Each blob is transferred
 * at most once per target storage (registry or layout): the first repository that needs it finds
 * it there already, mounts it from the source repository on the same registry, or streams it;
 * later repositories mount it from there.
 */
final class BlobCopier {
  private final ExecutorService pool;
  private final MirrorOptions options;
  private final MirrorListener listener;
  /** One transfer per (target repository, digest), shared by every image that needs it. */
  private final Map<String, CompletableFuture<BlobOutcome>> perRepository = new ConcurrentHashMap<>();
  /** Where in a target storage a digest first landed (the repository, "" for a layout). */
  private final Map<String, CompletableFuture<String>> landed = new ConcurrentHashMap<>();

  final LongAdder bytesCopied = new LongAdder();
  final LongAdder copied = new LongAdder();
  final LongAdder mounted = new LongAdder();
  final LongAdder present = new LongAdder();

  BlobCopier(ExecutorService pool, MirrorOptions options, MirrorListener listener) {
    this.pool = pool;
    this.options = options;
    this.listener = listener;
  }

  CompletableFuture<BlobOutcome> copy(MirrorTask task, ImageStore source, ImageStore target, Descriptor blob) {
    String key = target.storageKey() + "/" + target.repository().orElse("") + "@" + blob.digest();
    return perRepository.computeIfAbsent(key, k -> {
      CompletableFuture<BlobOutcome> future =
          CompletableFuture.supplyAsync(() -> transfer(source, target, blob), pool);
      return future.whenComplete((outcome, error) -> {
        if (error != null) {
          perRepository.remove(k); // let a later image try again
          return;
        }
        switch (outcome) {
          case COPIED -> copied.increment();
          case MOUNTED -> mounted.increment();
          case PRESENT -> present.increment();
        }
        listener.blobFinished(task, blob.digest(), blob.size(), outcome);
      });
    });
  }

  private BlobOutcome transfer(ImageStore source, ImageStore target, Descriptor blob) {
    String storage = target.storageKey() + "@" + blob.digest();
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> first = landed.putIfAbsent(storage, mine);
    if (first != null) {
      return followFirst(first, source, target, blob);
    }
    try {
      // First in this storage: mounted from the source repository when it shares the registry,
      // else found in the target repository itself or streamed, in the same first request.
      Optional<String> mountFrom = source.storageKey().equals(target.storageKey())
          ? source.repository() : Optional.empty();
      BlobOutcome outcome = put(source, target, blob, mountFrom);
      mine.complete(target.repository().orElse(""));
      return outcome;
    } catch (RuntimeException | Error e) {
      landed.remove(storage, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Another repository of the same storage is getting (or got) this blob: mount from there, which
   * links it whether or not this repository had it already (counted as mounted either way).
   */
  private BlobOutcome followFirst(CompletableFuture<String> first, ImageStore source, ImageStore target, Descriptor blob) {
    Optional<String> mountFrom = Optional.empty();
    try {
      String repository = first.get();
      if (target.repository().isEmpty() || target.repository().get().equals(repository)) {
        return BlobOutcome.PRESENT;
      }
      mountFrom = Optional.of(repository);
    } catch (ExecutionException firstFailed) {
      // Its error is reported with its own image; this one tries on its own.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryUnavailableException.interrupted("copy blob " + blob.digest(), e);
    }
    return put(source, target, blob, mountFrom);
  }

  /** Brings the blob into {@code target} (see {@link ImageStore#pushBlob}), retrying a broken transfer. */
  private BlobOutcome put(ImageStore source, ImageStore target, Descriptor blob, Optional<String> mountFrom) {
    CountingBlobContent content = new CountingBlobContent(source, blob.digest(), blob.size(), listener::bytesTransferred);
    for (int attempt = 1; ; attempt++) {
      try {
        // No HEAD afterwards either: a registry answers the closing PUT with 201 only once it
        // has verified the digest and stored the blob (a layout verifies as it writes), and the
        // content checked the size on the way.
        BlobOutcome outcome = target.pushBlob(blob.digest(), content, mountFrom);
        if (outcome == BlobOutcome.COPIED) {
          bytesCopied.add(blob.size());
        }
        return outcome;
      } catch (RegistryUnavailableException | UncheckedIOException | IOException e) {
        String failed = "copy blob " + blob.digest() + " from " + source.describe() + " to " + target.describe() + ": "
            + e.getMessage();
        if (e instanceof RegistryUnavailableException r && !r.retryable()) {
          throw RegistryUnavailableException.permanent(failed, e);
        }
        if (attempt >= options.blobAttempts() || Thread.currentThread().isInterrupted()) {
          throw RegistryUnavailableException.retryable(failed + (options.blobAttempts() > 1 ? " (blob transfer attempted "
              + attempt + " times)" : ""), e);
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw RegistryUnavailableException.interrupted("copy blob " + blob.digest(), interrupted);
        }
      }
    }
  }
}
