package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.image.ImageReference;
import dev.relocator.oci.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether a target holds what a mirror run with the same options stored there. A source
 * pinned by digest is checked by digest: its own, or, when a platform subset rewrites an index,
 * the rewritten one, which is computed from the source exactly as the copy computes it (so the
 * source must be readable then). Other sources are checked by the tag the copy used.
 */
public final class TargetVerifier {
  private final ImageStores stores;
  private final MirrorOptions options;
  private final ImageCopier reader;
  /** One finder per mode for the whole verify, so a repository's tags are listed once, as a mirror lists them. */
  private final Map<ReferrersMode, AttachmentCopier> finders = new ConcurrentHashMap<>();

  public TargetVerifier(ImageStores stores, MirrorOptions options) {
    this.stores = stores;
    this.options = options;
    this.reader = new ImageCopier(stores, options, null, MirrorListener.NONE);
  }

  /** What the check found for one image. */
  public record Outcome(Optional<Descriptor> found, Optional<Digest> expected) {
    public boolean present() {
      return found.isPresent();
    }
  }

  /** Checks {@code task}'s target; registry errors are thrown (the caller reports them per image). */
  public Outcome check(MirrorTask task) {
    Optional<Digest> expected = expectedDigest(task);
    ImageStore target = stores.source(task.target()); // read only: a layout is opened, never created
    String reference = task.target() instanceof ImageLocation.Layout
        ? ImageCopier.targetTag(task).orElseThrow()
        : expected.map(Digest::toString).or(() -> ImageCopier.targetTag(task)).orElse("latest");
    Optional<Descriptor> found = target.checkManifest(reference);
    if (found.isPresent() && expected.isPresent() && !found.get().digest().equals(expected.get())) {
      found = Optional.empty(); // the name holds another image than the one a mirror would store
    }
    return new Outcome(found, expected);
  }

  /**
   * The artifacts attached to {@code task}'s source image that a mirror with {@code mode} carries
   * and the target lacks. Reads the source (discovery, as the copy does it); registry errors are
   * thrown.
   */
  public List<Attachment> missingAttachments(MirrorTask task, ReferrersMode mode) {
    if (mode == ReferrersMode.NONE) {
      return List.of();
    }
    ImageStore source = stores.source(task.source());
    ImageStore target = stores.source(task.target());
    ImageCopier.Top top = reader.top(task, source);
    AttachmentCopier finder = finders.computeIfAbsent(mode, m -> new AttachmentCopier(m, null, null));
    List<Attachment> missing = new ArrayList<>();
    for (AttachmentCopier.Found found : finder.discover(source, ImageCopier.subjects(top), "verify " + task).found()) {
      if (!AttachmentCopier.present(target, found)) {
        missing.add(found.attachment());
      }
    }
    return missing;
  }

  /** The digest a copy stores when the source pins one; empty for a tag, which may have moved. */
  private Optional<Digest> expectedDigest(MirrorTask task) {
    Optional<Digest> pinned = task.source().registryReference().flatMap(ImageReference::digest)
        .or(() -> task.target().registryReference().flatMap(ImageReference::digest));
    if (pinned.isEmpty() || options.platforms().isEmpty()) {
      return pinned;
    }
    return Optional.of(reader.top(task, stores.source(task.source())).top().digest());
  }
}
