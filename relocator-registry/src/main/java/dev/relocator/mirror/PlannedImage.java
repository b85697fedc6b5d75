package dev.relocator.mirror;

import dev.relocator.image.Digest;
import dev.relocator.oci.Platform;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a dry run: what would be copied where, with the source digest and size (blobs and
 * manifests, shared layers counted once) when the source could be read, or why it could not:
 * the one-line {@code error} and the {@code failure} itself, for callers that word what would help.
 */
public record PlannedImage(
    MirrorTask task,
    Optional<Digest> sourceDigest,
    OptionalLong size,
    List<Platform> platforms,
    Optional<String> note,
    Optional<String> error,
    Optional<Throwable> failure,
    List<Attachment> attachments) {
  public PlannedImage {
    platforms = List.copyOf(platforms);
    attachments = List.copyOf(attachments);
  }

  /** A plan line without attachments. */
  public PlannedImage(MirrorTask task, Optional<Digest> sourceDigest, OptionalLong size, List<Platform> platforms,
      Optional<String> note, Optional<String> error, Optional<Throwable> failure) {
    this(task, sourceDigest, size, platforms, note, error, failure, List.of());
  }

  /**
   * {@code SOURCE -> TARGET  DIGEST  SIZE  [platforms]  note} (SIZE in {@link ByteSize}'s style), or the error; then one
   * indented line per attached artifact that would travel with it.
   */
  public String describe() {
    StringBuilder line = new StringBuilder(task.source() + " -> " + task.target().unpinned());
    sourceDigest.ifPresent(d -> line.append("  ").append(d));
    size.ifPresent(s -> line.append("  ").append(ByteSize.human(s)));
    if (!platforms.isEmpty()) {
      line.append("  ").append(platforms);
    }
    note.ifPresent(n -> line.append("  (").append(n).append(')'));
    error.ifPresent(e -> line.append("  cannot read source: ").append(e));
    for (Attachment attachment : attachments) {
      line.append(System.lineSeparator()).append("    + ").append(attachment.describe());
    }
    return line.toString();
  }
}
