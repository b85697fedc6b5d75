package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.Platform;
import dev.relocator.registry.error.DigestMismatchException;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryRejectedException;
import dev.relocator.registry.error.RegistryUnavailableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Copies one image: reads the source manifest (and an index's selected children), brings every
 * blob into the target, then pushes child manifests and last the top manifest, so a tag never
 * points to an incomplete image; manifests keep their exact bytes and digests.
 */
final class ImageCopier {
  private final ImageStores stores;
  private final MirrorOptions options;
  private final BlobCopier blobs;
  private final MirrorListener listener;
  private final AttachmentCopier attachments;
  private final Map<String, Object> repositoryLocks = new ConcurrentHashMap<>();

  /** A reader (dry runs, verify): {@code blobs} null, attachments discovered in the caller's thread. */
  ImageCopier(ImageStores stores, MirrorOptions options, BlobCopier blobs, MirrorListener listener) {
    this(stores, options, blobs, listener, null);
  }

  /** {@code discovery}: where attachments are looked for while blobs copy. */
  ImageCopier(ImageStores stores, MirrorOptions options, BlobCopier blobs, MirrorListener listener, Executor discovery) {
    this.stores = stores;
    this.options = options;
    this.blobs = blobs;
    this.listener = listener;
    this.attachments = new AttachmentCopier(options.referrers(), blobs, discovery);
  }

  /**
   * The source image as the engine will write it: top manifest, image manifests, nested indexes
   * (children before parents), platforms.
   */
  record Resolved(Manifest source, Manifest top, List<Manifest> images, List<Manifest> nested, List<Platform> platforms,
      Optional<String> note) {
    long blobBytes() {
      Map<Digest, Long> unique = new LinkedHashMap<>();
      images.forEach(m -> m.blobs().forEach(b -> unique.put(b.digest(), b.size())));
      return unique.values().stream().mapToLong(Long::longValue).sum()
          + images.stream().mapToLong(Manifest::size).sum() + nested.stream().mapToLong(Manifest::size).sum()
          + (top.isIndex() ? top.size() : 0);
    }
  }

  static String sourceReference(ImageLocation location) {
    if (location instanceof ImageLocation.Layout l) {
      return l.refName();
    }
    ImageReference ref = ((ImageLocation.Registry) location).reference();
    // Docker's default: a reference with neither tag nor digest means :latest.
    return ref.digest().map(Digest::toString).or(ref::tag).orElse("latest");
  }

  /** The tag (or layout name) to push under; empty means by digest only. */
  static Optional<String> targetTag(MirrorTask task) {
    if (task.target() instanceof ImageLocation.Layout l) {
      return Optional.of(l.refName());
    }
    ImageReference target = ((ImageLocation.Registry) task.target()).reference();
    if (target.tag().isPresent()) {
      return target.tag();
    }
    if (target.digest().isPresent()) {
      return Optional.empty();
    }
    Optional<ImageReference> source = task.source().registryReference();
    if (source.isPresent() && source.get().tag().isEmpty() && source.get().digest().isPresent()) {
      return Optional.empty(); // pinned by digest only: stored by digest only
    }
    return Optional.of(source.flatMap(ImageReference::tag).orElse("latest"));
  }

  /**
   * The top manifest as it will be stored, which image entries of an index it keeps (at any depth),
   * and the nested indexes to store, children before parents.
   */
  record Top(Manifest source, Manifest top, List<Descriptor> selected, List<Manifest> nested, Optional<String> note) {}

  /**
   * Reads the source's top manifest (and nested indexes, if any): enough to tell whether the
   * target is up to date.
   */
  Top top(MirrorTask task, ImageStore source) {
    Manifest root = source.pullManifest(sourceReference(task.source()));
    if (!root.isIndex()) {
      return new Top(root, root, List.of(), List.of(), Optional.empty());
    }
    // --arch selects platforms of image indexes; an artifact index (it states an artifactType) is copied whole.
    List<Platform> filters = root.artifactType().isPresent() ? List.of() : options.platforms();
    PlatformSelection selection = PlatformSelection.select(root, filters,
        digest -> source.pullManifest(digest.toString()), "copy " + task.source());
    return new Top(root, selection.index(), selection.selected(), selection.nested(), selection.note());
  }

  /** Reads the image manifests below {@code top}. */
  Resolved resolve(Top top, MirrorTask task, ImageStore source) {
    if (!top.top().isIndex()) {
      return new Resolved(top.source(), top.top(), List.of(top.top()), List.of(), platforms(top, task, source), top.note());
    }
    List<Manifest> images = new ArrayList<>();
    Map<Digest, Manifest> pulled = new LinkedHashMap<>();
    for (Descriptor child : top.selected()) {
      Manifest manifest = pulled.computeIfAbsent(child.digest(), d -> source.pullManifest(d.toString()));
      if (manifest.isIndex()) {
        // Nested indexes are followed when their descriptor says so, as the OCI spec requires it to.
        throw RegistryRejectedException.invalid("copy " + task.source() + ": index entry " + child.digest()
            + " says media type " + child.mediaType() + " but is an index (" + manifest.mediaType() + ")");
      }
      images.add(manifest);
    }
    return new Resolved(top.source(), top.top(), images, top.nested(), PlatformSelection.platforms(top.selected()),
        top.note());
  }

  /** An index's selected platforms; a single image's from its config, when the options ask for it. */
  private List<Platform> platforms(Top top, MirrorTask task, ImageStore source) {
    if (top.top().isIndex()) {
      return PlatformSelection.platforms(top.selected());
    }
    if (!options.configPlatforms()) {
      return List.of();
    }
    return ConfigPlatform.read(source, top.top(), "copy " + task).map(List::of).orElse(List.of());
  }

  Resolved resolve(MirrorTask task, ImageStore source) {
    return resolve(top(task, source), task, source);
  }

  /**
   * The manifests whose attachments travel with the image: the top (unless a platform subset
   * rewrote it: the source's attachments name the source digest) and every selected image manifest.
   */
  static List<Digest> subjects(Top top) {
    List<Digest> subjects = new ArrayList<>();
    if (top.top().digest().equals(top.source().digest())) {
      subjects.add(top.top().digest());
    }
    top.selected().forEach(d -> subjects.add(d.digest()));
    return subjects;
  }

  /** What the source holds attached to the image {@code top} (a dry run's and a verify's view). */
  AttachmentCopier.Discovery attachments(Top top, MirrorTask task, ImageStore source) {
    return attachments.discover(source, subjects(top), "copy " + task);
  }

  ImageResult copy(MirrorTask task) {
    listener.imageStarted(task);
    ImageStore source = stores.source(task.source());
    ImageStore target = stores.target(task.target());
    Top top = top(task, source);
    CompletableFuture<AttachmentCopier.Discovery> discovery =
        attachments.discoverAsync(source, subjects(top), "copy " + task);
    Digest digest = top.top().digest();
    // A target pinned to the source's digest (a digest-pinned source) takes the rewritten index of a
    // platform subset: that is the image the run stores, by its own digest.
    if (task.target().registryReference().flatMap(ImageReference::digest)
        .filter(d -> !d.equals(digest) && !d.equals(top.source().digest())).isPresent()) {
      throw RegistryRejectedException.invalid("copy " + task + ": target pins a digest, but the image to store has "
          + digest);
    }
    String reference = targetTag(task).orElse(digest.toString());
    Optional<Descriptor> existing = target.checkManifest(reference);
    Object lock = repositoryLocks.computeIfAbsent(target.storageKey() + "/" + target.repository().orElse(""),
        k -> new Object());
    if (existing.isPresent() && existing.get().digest().equals(digest)) {
      List<Attachment> carried = attachments.copy(task, source, target, awaitAll(List.of(discovery), task).get(0), lock);
      return new ImageResult(task, top.source().digest(), digest, platforms(top, task, source), 0, true,
          top.note(), carried);
    }
    Resolved image = resolve(top, task, source);

    List<CompletableFuture<BlobOutcome>> transfers = new ArrayList<>();
    Map<Digest, Descriptor> unique = new LinkedHashMap<>();
    image.images().forEach(m -> m.blobs().forEach(b -> unique.putIfAbsent(b.digest(), b)));
    for (Descriptor blob : unique.values()) {
      transfers.add(blobs.copy(task, source, target, blob));
    }
    List<BlobOutcome> outcomes = awaitAll(transfers, task);
    long bytes = 0;
    int i = 0;
    for (Descriptor blob : unique.values()) {
      bytes += outcomes.get(i++) == BlobOutcome.COPIED ? blob.size() : 0;
    }

    // One image at a time writes manifests into a repository: a registry writes the link of a
    // manifest pushed twice at once non-atomically, and an index checked against a half-written
    // link is refused (seen as DIGEST_INVALID with docker-registry when two list entries share a
    // target repository).
    synchronized (lock) {
      pushManifests(task, target, image, reference, digest);
    }
    List<Attachment> carried = attachments.copy(task, source, target, awaitAll(List.of(discovery), task).get(0), lock);
    return new ImageResult(task, image.source().digest(), digest, image.platforms(), bytes, false, image.note(), carried);
  }

  /**
   * Children before parents: image manifests, then nested indexes deepest first, then the top.
   * Children are pushed without asking first: a {@code PUT} of a manifest the target already holds
   * changes nothing, and asking would cost a {@code HEAD} per child on every fresh copy to save a
   * small {@code PUT} only on a resumed one. The top is checked after its push unless the push
   * answer already named the digest stored.
   */
  private static void pushManifests(MirrorTask task, ImageStore target, Resolved image, String reference, Digest digest) {
    Set<Digest> pushed = new HashSet<>();
    List<Manifest> children = new ArrayList<>(image.images());
    children.addAll(image.nested());
    for (Manifest child : children) {
      if (child != image.top() && pushed.add(child.digest())) {
        target.pushManifest(child.digest().toString(), child);
      }
    }
    if (target.pushManifest(reference, image.top()).isPresent()) {
      return; // the store confirmed these bytes' digest under the reference (a different one fails the push)
    }
    Descriptor stored = target.checkManifest(reference).orElseThrow(() ->
        new RegistryException("copy " + task + ": the target does not show " + reference + " after the push"));
    if (!stored.digest().equals(digest)) {
      throw new DigestMismatchException("copy " + task + ": stored manifest", digest, stored.digest());
    }
  }

  /** Waits for every transfer (or the discovery; interruptibly), then throws the first failure, if any. */
  static <T> List<T> awaitAll(List<CompletableFuture<T>> transfers, MirrorTask task) {
    RuntimeException first = null;
    List<T> outcomes = new ArrayList<>();
    for (CompletableFuture<T> transfer : transfers) {
      try {
        outcomes.add(transfer.get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : e.getCause();
        if (first == null) {
          first = cause instanceof RuntimeException r ? r : new RegistryException(String.valueOf(cause.getMessage()), cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryUnavailableException.interrupted("copy " + task, e);
      }
    }
    if (first != null) {
      throw first;
    }
    return outcomes;
  }
}
