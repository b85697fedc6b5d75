package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Descriptor;
import dev.relocator.oci.Manifest;
import dev.relocator.oci.MediaTypes;
import dev.relocator.oci.json.DescriptorTemplate;
import dev.relocator.oci.json.ReferrersIndexJson;
import dev.relocator.registry.error.RegistryException;
import dev.relocator.registry.error.RegistryRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Carries what is attached to the manifests of a copied image: cosign's tags
 * ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}) and OCI 1.1 referrers, found through the
 * referrers API or else the fallback tag {@code sha256-<hex>}, and the same of those attachments
 * down to {@link #MAX_DEPTH} levels (a signature on an attestation). Each is copied whole and byte
 * for byte; referrers are pushed with their {@code subject}, and where the target does not index
 * subjects itself its fallback tag index is created or extended, keeping the entries it had.
 *
 * <p>Discovery costs one tag list per source repository and run (cosign and fallback tags are
 * found in it; images of one repository share it) plus, at a registry with a referrers API, one
 * request per manifest; it runs while the image's blobs copy.
 */
final class AttachmentCopier {
  /** Levels of attachments followed: attachments of the image, of those, and of those. */
  static final int MAX_DEPTH = 3;
  /** A fallback tag is the digest with {@code :} replaced, at most 128 characters (a tag's limit). */
  private static final int MAX_TAG = 128;

  private final ReferrersMode mode;
  private final int maxDepth;
  private final BlobCopier blobs;
  private final Executor executor;
  /**
   * Each source repository's tags, listed by the first image that needs them and shared by the
   * others for the rest of this copier's run (one mirror, plan or verify): a new run lists again,
   * so attachments added at the source since the last run are found. A failed listing is not kept.
   */
  private final Map<String, CompletableFuture<Set<String>>> tagLists = new ConcurrentHashMap<>();

  /** {@code blobs} and {@code executor} null for a reader that only discovers (a dry run, a verify). */
  AttachmentCopier(ReferrersMode mode, BlobCopier blobs, Executor executor) {
    this(mode, MAX_DEPTH, blobs, executor);
  }

  /** {@code maxDepth}: levels of attachments followed, 1 for the image's own only. */
  AttachmentCopier(ReferrersMode mode, int maxDepth, BlobCopier blobs, Executor executor) {
    this.mode = mode;
    this.maxDepth = maxDepth;
    this.blobs = blobs;
    this.executor = executor;
  }

  /**
   * An attachment found at the source, and its manifest: a cosign tag's is read to learn its
   * digest; a referrer's digest is listed, so its manifest is read only when first needed (a
   * re-run reads none of those the target holds already).
   */
  static final class Found {
    private final Attachment attachment;
    private final ImageStore source;
    private volatile Manifest manifest;

    Found(Attachment attachment, Manifest manifest) {
      this.attachment = attachment;
      this.source = null;
      this.manifest = manifest;
    }

    /** A referrer listed at {@code source}, its manifest not read yet. */
    Found(Attachment attachment, ImageStore source) {
      this.attachment = attachment;
      this.source = source;
    }

    Attachment attachment() {
      return attachment;
    }

    /** The manifest, read from the source by its digest on first use (which verifies it). */
    Manifest manifest() {
      Manifest read = manifest;
      if (read == null) {
        read = source.pullManifest(attachment.digest().toString());
        manifest = read;
      }
      return read;
    }
  }

  /**
   * The referrers carried for one subject, as listed at the source, and the source's fallback
   * index when they came from one and all its entries are carried (then it is copied as is).
   */
  record SubjectReferrers(Digest subject, List<Descriptor> entries, Optional<Manifest> sourceIndex) {}

  /** Everything found for one image. */
  record Discovery(List<Found> found, List<SubjectReferrers> referrers) {
    static final Discovery NONE = new Discovery(List.of(), List.of());

    List<Attachment> attachments() {
      return found.stream().map(Found::attachment).toList();
    }
  }

  /** The fallback tag of {@code digest}: {@code sha256-<hex>}, as the distribution spec defines it. */
  static String fallbackTag(Digest digest) {
    String tag = digest.algorithm() + "-" + digest.encoded();
    return tag.length() > MAX_TAG ? tag.substring(0, MAX_TAG) : tag;
  }

  /** Starts {@link #discover} on the executor (at once, in this thread, without one). */
  CompletableFuture<Discovery> discoverAsync(ImageStore source, List<Digest> subjects, String where) {
    if (mode == ReferrersMode.NONE || subjects.isEmpty()) {
      return CompletableFuture.completedFuture(Discovery.NONE);
    }
    if (executor == null) {
      try {
        return CompletableFuture.completedFuture(discover(source, subjects, where));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    try {
      return CompletableFuture.supplyAsync(() -> discover(source, subjects, where), executor);
    } catch (RejectedExecutionException stopped) {
      return CompletableFuture.failedFuture(new CancellationException("mirror cancelled"));
    }
  }

  /** Finds what {@code source} holds attached to {@code subjects}, and below, as the mode selects. */
  Discovery discover(ImageStore source, List<Digest> subjects, String where) {
    if (mode == ReferrersMode.NONE || subjects.isEmpty()) {
      return Discovery.NONE;
    }
    Set<String> tags = tags(source);
    List<Found> found = new ArrayList<>();
    List<SubjectReferrers> referrers = new ArrayList<>();
    Set<Digest> seen = new HashSet<>(subjects);
    List<Digest> level = List.copyOf(subjects);
    for (int depth = 0; depth < maxDepth && !level.isEmpty(); depth++) {
      List<Digest> next = new ArrayList<>();
      for (Digest subject : level) {
        String base = fallbackTag(subject);
        for (String suffix : ReferrersMode.COSIGN_SUFFIXES) {
          String tag = base + suffix;
          if (mode.keepsTag(suffix) && tags.contains(tag)) {
            Manifest manifest = source.pullManifest(source.attachmentReference(tag));
            found.add(new Found(new Attachment(Attachment.Kind.TAG, tag, manifest.digest(), subject), manifest));
            if (seen.add(manifest.digest())) {
              next.add(manifest.digest());
            }
          }
        }
        Optional<List<Descriptor>> listed = source.referrers(subject);
        Optional<Manifest> sourceIndex = Optional.empty();
        if (listed.isEmpty() && tags.contains(base)) {
          sourceIndex = Optional.of(source.pullManifest(source.attachmentReference(base)));
          if (!sourceIndex.get().isIndex()) {
            throw RegistryRejectedException.invalid(where + ": fallback tag " + base + " holds no index but "
                + sourceIndex.get().mediaType());
          }
          listed = Optional.of(sourceIndex.get().manifests());
        }
        List<Descriptor> all = listed.orElse(List.of());
        List<Descriptor> kept = all.stream().filter(e -> mode.keepsReferrer(e.artifactType())).toList();
        if (kept.isEmpty()) {
          continue;
        }
        referrers.add(new SubjectReferrers(subject, kept, kept.size() == all.size() ? sourceIndex : Optional.empty()));
        for (Descriptor entry : kept) {
          found.add(new Found(new Attachment(Attachment.Kind.REFERRER, entry.artifactType(), entry.digest(), subject),
              source));
          if (seen.add(entry.digest())) {
            next.add(entry.digest());
          }
        }
      }
      level = next;
    }
    return new Discovery(List.copyOf(found), List.copyOf(referrers));
  }

  /** The tags of {@code source}'s repository, listed once per run (see {@link #tagLists}). */
  private Set<String> tags(ImageStore source) {
    String key = source.tagListKey();
    CompletableFuture<Set<String>> mine = new CompletableFuture<>();
    CompletableFuture<Set<String>> listed = tagLists.putIfAbsent(key, mine);
    if (listed == null) {
      try {
        mine.complete(Set.copyOf(source.listTags()));
      } catch (RuntimeException e) {
        tagLists.remove(key, mine); // the next image asks again
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return listed.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e; // the lister's own failure, as it threw it
    }
  }

  /**
   * Brings every attachment of {@code discovery} that {@code target} lacks there: blobs (on the
   * blob pool), then, holding {@code lock} (the target repository's manifest lock), child
   * manifests, the attachments in discovery order (a subject before what refers to it), and the
   * fallback tag indexes the target needs.
   */
  List<Attachment> copy(MirrorTask task, ImageStore source, ImageStore target, Discovery discovery, Object lock) {
    if (discovery.found().isEmpty()) {
      return List.of();
    }
    String where = "copy attachments of " + task;
    List<Found> missing = new ArrayList<>();
    Map<Digest, Manifest> children = new LinkedHashMap<>();
    Map<Digest, Descriptor> unique = new LinkedHashMap<>();
    for (Found found : discovery.found()) {
      if (present(target, found)) {
        continue;
      }
      missing.add(found);
      for (Manifest manifest : whole(source, found.manifest(), where, 1)) {
        if (manifest != found.manifest()) {
          children.putIfAbsent(manifest.digest(), manifest);
        }
        manifest.blobs().forEach(b -> unique.putIfAbsent(b.digest(), b));
      }
    }
    List<CompletableFuture<BlobOutcome>> transfers = new ArrayList<>();
    for (Descriptor blob : unique.values()) {
      transfers.add(blobs.copy(task, source, target, blob));
    }
    ImageCopier.awaitAll(transfers, task);
    synchronized (lock) {
      children.values().forEach(child -> target.pushManifest(child.digest().toString(), child));
      Set<Digest> indexedBy = new HashSet<>();
      Set<Digest> pushedFor = new HashSet<>();
      for (Found found : missing) {
        Attachment attachment = found.attachment();
        if (attachment.kind() == Attachment.Kind.TAG) {
          target.pushManifest(target.attachmentReference(attachment.name()), found.manifest());
        } else {
          pushedFor.add(attachment.subject());
          if (target.pushReferrer(found.manifest())) {
            indexedBy.add(attachment.subject());
          }
        }
      }
      for (SubjectReferrers referrers : discovery.referrers()) {
        boolean indexed = indexedBy.contains(referrers.subject())
            || (!pushedFor.contains(referrers.subject()) && target.referrers(referrers.subject()).isPresent());
        if (!indexed) {
          updateFallbackIndex(target, referrers, where);
        }
      }
    }
    return discovery.attachments();
  }

  /** Whether {@code target} already holds {@code found} where a copy puts it. */
  static boolean present(ImageStore target, Found found) {
    Attachment attachment = found.attachment();
    String reference = attachment.kind() == Attachment.Kind.TAG ? target.attachmentReference(attachment.name())
        : attachment.digest().toString();
    return target.checkManifest(reference).map(d -> d.digest().equals(attachment.digest())).orElse(false);
  }

  /** {@code manifest} and, for an index, every manifest below it: an artifact is copied whole. */
  private static List<Manifest> whole(ImageStore source, Manifest manifest, String where, int depth) {
    if (!manifest.isIndex()) {
      return List.of(manifest);
    }
    if (depth > PlatformSelection.MAX_DEPTH) {
      throw RegistryRejectedException.invalid(where + ": index " + manifest.digest() + " is nested deeper than "
          + PlatformSelection.MAX_DEPTH + " levels");
    }
    List<Manifest> all = new ArrayList<>();
    for (Descriptor entry : manifest.manifests()) {
      all.addAll(whole(source, source.pullManifest(entry.digest().toString()), where, depth + 1));
    }
    all.add(manifest);
    return all;
  }

  /**
   * Creates or extends the target's fallback tag index of a subject with the carried referrers,
   * keeping the entries it holds; the source's own index is copied as is when the target has none.
   */
  private static void updateFallbackIndex(ImageStore target, SubjectReferrers referrers, String where) {
    String reference = target.attachmentReference(fallbackTag(referrers.subject()));
    Optional<byte[]> existing = target.checkManifest(reference).map(d -> target.pullManifest(reference).bytes());
    if (existing.isEmpty() && referrers.sourceIndex().isPresent()) {
      target.pushManifest(reference, referrers.sourceIndex().get());
      return;
    }
    Optional<byte[]> merged;
    try {
      merged = ReferrersIndexJson.merge(existing, referrers.entries().stream()
          .map(d -> new DescriptorTemplate(d.mediaType(), d.digest().toString(), d.size(), null, d.artifactType(),
              d.annotations()))
          .toList());
    } catch (IOException e) {
      throw new RegistryException(where + ": update fallback tag " + reference + " at " + target.describe() + ": "
          + e.getMessage(), e);
    }
    if (merged.isPresent()) {
      target.pushManifest(reference, Manifest.parse(merged.get(), MediaTypes.OCI_INDEX, where));
    }
  }
}
