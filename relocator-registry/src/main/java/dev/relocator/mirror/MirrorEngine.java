package dev.relocator.mirror;

import dev.relocator.RelocatorException;
import dev.relocator.image.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies images faithfully (same manifest bytes, same digests), {@code jobs} images at a time and
 * up to {@code blobJobs} blob transfers at once, on two named bounded pools. A failed image is
 * reported and the others still copied; {@link #cancel()} stops everything, and a later run
 * copies only what is missing.
 */
public final class MirrorEngine implements AutoCloseable {
  private final ImageStores stores;
  private final MirrorOptions options;
  private final ExecutorService imagePool;
  private final ExecutorService blobPool;
  /**
   * Finds each image's attached artifacts while its blobs copy: one task per image at a time, so
   * {@code jobs} threads never queue; apart from the blob pool, so these small requests never wait
   * behind large transfers.
   */
  private final ExecutorService referrersPool;
  private final List<CompletableFuture<?>> active = new ArrayList<>();
  private volatile boolean cancelled;

  public MirrorEngine(ImageStores stores, MirrorOptions options) {
    this.stores = stores;
    this.options = options;
    this.imagePool = Executors.newFixedThreadPool(options.jobs(), named("relocator-mirror-image-"));
    this.blobPool = Executors.newFixedThreadPool(options.blobJobs(), named("relocator-mirror-blob-"));
    this.referrersPool = Executors.newFixedThreadPool(options.jobs(), named("relocator-mirror-referrers-"));
  }

  /** Reads every source (manifests only, nothing is written) and says what a run would copy. */
  public MirrorPlan plan(List<MirrorTask> tasks) {
    // A plan reads every manifest anyway: one more small read names a single image's platform.
    ImageCopier reader = new ImageCopier(stores, options.withConfigPlatforms(true), null, MirrorListener.NONE);
    List<CompletableFuture<PlannedImage>> futures = new ArrayList<>();
    for (MirrorTask task : tasks) {
      futures.add(submit(() -> {
        ImageStore source = stores.source(task.source());
        ImageCopier.Top top = reader.top(task, source);
        ImageCopier.Resolved image = reader.resolve(top, task, source);
        return new PlannedImage(task, Optional.of(image.source().digest()), OptionalLong.of(image.blobBytes()),
            image.platforms(), image.note(), Optional.empty(), Optional.empty(),
            reader.attachments(top, task, source).attachments());
      }));
    }
    List<PlannedImage> planned = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      try {
        planned.add(futures.get(i).get());
      } catch (ExecutionException | CancellationException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        planned.add(new PlannedImage(tasks.get(i), Optional.<Digest>empty(), OptionalLong.empty(), List.of(),
            Optional.empty(), Optional.of(reason(e)), Optional.of(unwrap(e))));
      }
    }
    return new MirrorPlan(planned);
  }

  /** Copies every task; returns when all are done, failed or cancelled. */
  public MirrorResult run(List<MirrorTask> tasks, MirrorListener listener) {
    BlobCopier blobs = new BlobCopier(blobPool, options, listener);
    ImageCopier copier = new ImageCopier(stores, options, blobs, listener, referrersPool);
    List<CompletableFuture<ImageResult>> futures = new ArrayList<>();
    for (MirrorTask task : tasks) {
      futures.add(submit(() -> copier.copy(task)));
    }
    List<ImageResult> copied = new ArrayList<>();
    List<ImageFailure> failures = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      try {
        ImageResult result = futures.get(i).get();
        copied.add(result);
        listener.imageCopied(result);
      } catch (ExecutionException | CancellationException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          cancel();
        }
        ImageFailure failure = new ImageFailure(tasks.get(i), reason(e), unwrap(e));
        failures.add(failure);
        listener.imageFailed(failure);
      }
    }
    synchronized (active) {
      active.removeAll(futures);
    }
    if (failures.isEmpty() && !cancelled) {
      // A failed or cut run leaves an archive target staged, unpacked: the next run resumes there.
      stores.finishArchives();
    }
    return new MirrorResult(tasks.size(), copied, failures, blobs.bytesCopied.sum(), blobs.copied.intValue(),
        blobs.mounted.intValue(), blobs.present.intValue());
  }

  /**
   * Stops every transfer now (threads are interrupted, requests in flight cancelled, unfinished
   * images fail as cancelled). The engine cannot run again; what was completed stays, and a new
   * run copies only the rest.
   */
  public void cancel() {
    cancelled = true;
    imagePool.shutdownNow();
    blobPool.shutdownNow();
    referrersPool.shutdownNow();
    stores.cancelRequests(); // a blocked socket read or write does not hear an interrupt
    synchronized (active) {
      for (CompletableFuture<?> future : active) {
        future.completeExceptionally(new CancellationException("mirror cancelled"));
      }
    }
  }

  @Override
  public void close() {
    imagePool.shutdownNow();
    blobPool.shutdownNow();
    referrersPool.shutdownNow();
    try {
      imagePool.awaitTermination(10, TimeUnit.SECONDS);
      blobPool.awaitTermination(10, TimeUnit.SECONDS);
      referrersPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> CompletableFuture<T> submit(java.util.function.Supplier<T> work) {
    CompletableFuture<T> future;
    try {
      future = CompletableFuture.supplyAsync(work, imagePool);
    } catch (RejectedExecutionException e) {
      future = CompletableFuture.failedFuture(new CancellationException("mirror cancelled"));
    }
    synchronized (active) {
      active.add(future);
    }
    if (cancelled) {
      future.completeExceptionally(new CancellationException("mirror cancelled"));
    }
    return future;
  }

  /** The one-line reason of a failure: the cause's message, which names what and where. */
  static String reason(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof CancellationException) {
      return "cancelled";
    }
    if (cause instanceof RelocatorException) {
      return cause.getMessage();
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /** The failure itself, out of the future's wrappers. */
  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
